"""The assessment framework as the corpus generator needs it: themes, quality statements,
score meanings, and for each statement its expectations, commitment and the findings
subsections (each tied to the topics whose sentences fill it).

Data only. The wording of expectations and commitments is our own paraphrase, not CQC's
text. The framework names are repeated here rather than imported from `ingest`, so the
corpus is an independent check on the parser instead of agreeing with it by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

SCORE_MEANINGS: dict[int, str] = {
    1: "Evidence shows significant shortfalls",
    2: "Evidence shows some shortfalls",
    3: "Evidence shows a good standard",
    4: "Evidence shows an exceptional standard",
}

THEMES: dict[int, str] = {
    1: "How the local authority works with people",
    2: "Providing support",
    3: "How the local authority ensures safety within the system",
    4: "Leadership",
}


@dataclass(frozen=True, slots=True)
class Subsection:
    """A findings subsection: its heading and the sentence topics that fill it."""

    title: str
    topics: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QualityStatement:
    name: str
    theme: int
    expectations: tuple[str, ...]
    commitment: str
    # The first subsection always appears (every real report opens its findings with
    # the statement's core subject); the rest are sampled per report.
    subsections: tuple[Subsection, ...]


def _sub(title: str, *topics: str) -> Subsection:
    return Subsection(title, topics)


QUALITY_STATEMENTS: tuple[QualityStatement, ...] = (
    QualityStatement(
        "Assessing needs",
        1,
        (
            "I am asked about what matters to me, and the help I get is planned around the life I want to lead.",
            "I only have to tell my story once, and I know when my support will be looked at again.",
        ),
        "We find out early what people need, assess fairly and in good time, and plan support "
        "with people and their carers so that it fits their lives and their strengths.",
        (
            _sub(
                "Assessment, care planning and review arrangements",
                "assessments",
                "waiting",
                "advocacy",
            ),
            _sub("Timeliness of assessments and reviews", "waiting", "assessments", "workforce"),
            _sub(
                "Eligibility decisions and financial assessment",
                "finance",
                "assessments",
                "information",
            ),
            _sub(
                "Help for people to meet their non-eligible care and support needs",
                "prevention",
                "information",
                "voluntary",
            ),
            _sub("Unpaid carers", "carers", "assessments", "prevention"),
            _sub("Independent advocacy", "advocacy", "assessments", "equality"),
            _sub("Direct payments", "direct_payments", "finance", "market"),
        ),
    ),
    QualityStatement(
        "Supporting people to live healthier lives",
        1,
        (
            "I get the information and practical help I need to stay well and independent at home.",
            "I can get equipment or short-term support quickly when my health changes.",
        ),
        "We help people to prevent, reduce or delay their need for care, working with health and "
        "community partners so that people stay independent for as long as they can.",
        (
            _sub(
                "Arrangements to prevent, delay or reduce needs for care and support",
                "prevention",
                "information",
                "voluntary",
            ),
            _sub(
                "Intermediate care and reablement",
                "reablement",
                "hospital_discharge",
                "partnerships",
            ),
            _sub("Equipment, adaptations and technology", "technology", "housing", "waiting"),
            _sub("Accessible information and advice", "information", "prevention", "equality"),
            _sub("Direct payments and personal budgets", "direct_payments", "finance", "carers"),
        ),
    ),
    QualityStatement(
        "Equity in experience and outcomes",
        1,
        (
            "I am treated with respect for who I am, and my culture, faith and identity shape my support.",
            "I can understand the information I am given and I can take part in decisions about me.",
        ),
        "We seek out people who are most likely to face inequality, listen to them, and remove the "
        "barriers that stop them getting good care and good outcomes.",
        (
            _sub(
                "Understanding and reducing barriers to care and support",
                "equality",
                "information",
                "advocacy",
            ),
            _sub(
                "Inclusion and accessibility arrangements", "equality", "information", "technology"
            ),
            _sub(
                "Engagement with seldom-heard communities", "coproduction", "equality", "voluntary"
            ),
            _sub("Unpaid carers from diverse communities", "carers", "equality", "information"),
        ),
    ),
    QualityStatement(
        "Care provision, integration and continuity",
        2,
        (
            "I can choose good care close to home, and it arrives when it should.",
            "My care carries on smoothly when I move between services.",
        ),
        "We understand what care our population needs now and will need in future, and we shape a "
        "sustainable local market of safe, good-quality and affordable support.",
        (
            _sub(
                "Understanding local needs for care and support",
                "commissioning",
                "equality",
                "prevention",
            ),
            _sub("Market shaping and commissioning", "commissioning", "market", "direct_payments"),
            _sub("Sufficiency and quality of care provision", "market", "waiting", "safety"),
            _sub("Sustainability of the care market", "market", "finance", "commissioning"),
            _sub("The care workforce", "workforce", "market", "learning"),
        ),
    ),
    QualityStatement(
        "Partnerships and communities",
        2,
        (
            "I do not have to chase the organisations that support me, because they talk to each other.",
            "I can find groups and activities in my community that help me keep my independence.",
        ),
        "We work with health, housing, voluntary and community partners to agree shared goals, pool "
        "what we have and deliver joined-up support for local people.",
        (
            _sub(
                "Partnership working to deliver shared objectives",
                "partnerships",
                "governance",
                "prevention",
            ),
            _sub(
                "Arrangements to support effective partnership working",
                "partnerships",
                "finance",
                "technology",
            ),
            _sub(
                "Impact of partnership working", "partnerships", "hospital_discharge", "reablement"
            ),
            _sub(
                "Working with voluntary and community organisations",
                "voluntary",
                "prevention",
                "coproduction",
            ),
            _sub("Housing and accommodation", "housing", "partnerships", "technology"),
        ),
    ),
    QualityStatement(
        "Safe systems, pathways and transitions",
        3,
        (
            "I feel safe when my care changes, and nothing important gets lost along the way.",
            "When I leave hospital or move to adult services, my support is ready for me.",
        ),
        "We plan for safety across the whole system, manage risks openly, and make sure people "
        "move safely between services, teams and areas.",
        (
            _sub("Safety management", "safety", "waiting", "learning"),
            _sub("Safety during transitions", "transitions", "safety", "assessments"),
            _sub("Hospital discharge", "hospital_discharge", "reablement", "market"),
            _sub("Contingency planning", "safety", "market", "governance"),
            _sub("Moving between areas and services", "transitions", "partnerships", "housing"),
        ),
    ),
    QualityStatement(
        "Safeguarding",
        3,
        (
            "I feel safe and I am supported to understand and manage any risks in my life.",
            "When someone raises a concern about me, I am asked what I want to happen.",
        ),
        "We work with partners to prevent abuse and neglect, respond quickly and proportionately when "
        "it happens, and keep the person at the centre of every safeguarding enquiry.",
        (
            _sub(
                "Safeguarding systems, processes and practices",
                "safeguarding",
                "partnerships",
                "workforce",
            ),
            _sub("Responding to local safeguarding risks", "safeguarding", "learning", "equality"),
            _sub("Section 42 enquiries", "safeguarding", "waiting", "advocacy"),
            _sub("Making safeguarding personal", "safeguarding", "coproduction", "advocacy"),
            _sub("Deprivation of Liberty Safeguards", "dols", "waiting", "workforce"),
        ),
    ),
    QualityStatement(
        "Governance, management and sustainability",
        4,
        (
            "I can see who is responsible for my care and what they are doing to improve it.",
            "Decisions about services are made openly and the money is spent wisely.",
        ),
        "We lead with clear accountability, understand our performance and risks, and plan our "
        "resources so that good care and support can be sustained.",
        (
            _sub(
                "Governance, accountability and risk management", "governance", "safety", "learning"
            ),
            _sub("Strategic planning", "governance", "commissioning", "partnerships"),
            _sub("Financial sustainability", "finance", "governance", "market"),
            _sub("Leadership and workforce planning", "workforce", "governance", "learning"),
            _sub("Information management and data", "technology", "governance", "equality"),
        ),
    ),
    QualityStatement(
        "Learning, improvement and innovation",
        4,
        (
            "My feedback and experiences are heard, and I can see that they change things.",
            "I am offered support that uses new ideas when they could work better for me.",
        ),
        "We learn from people, from our own practice and from others, try new approaches with "
        "care, and use what we find to improve support for local people.",
        (
            _sub(
                "Learning culture and professional development",
                "learning",
                "workforce",
                "safeguarding",
            ),
            _sub(
                "Learning from complaints and feedback", "learning", "coproduction", "information"
            ),
            _sub("Innovation and research", "innovation", "technology", "prevention"),
            _sub("Co-production and the voice of people", "coproduction", "innovation", "equality"),
            _sub("Quality assurance and audit", "learning", "governance", "assessments"),
        ),
    ),
)
