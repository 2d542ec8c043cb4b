"""Sentence templates about leadership: governance and accountability, learning and
improvement, innovation; plus `GENERAL`, evaluative sentences that fit any subsection
and close paragraphs the way inspectors' summaries do.

Data only; slot names are listed in `compose`. Every template is one sentence of our own
invention, ending with a full stop.
"""

from __future__ import annotations

from eval.corpus.topic import Topic

TOPICS: tuple[Topic, ...] = (
    Topic(
        "governance",
        good=(
            "Leaders had a clear vision, set out in the {strategy}, and staff at all levels could describe how their work contributed to it.",
            "Performance was reported monthly to the adult social care leadership team and quarterly to [scrutiny|cabinet], and members asked searching questions.",
            "The director of adult social services had direct access to the chief executive, and adult social care was well represented at [the corporate leadership team|cabinet].",
            "Risks were well understood, and the corporate risk register set out mitigations for [market sustainability|workforce capacity|the budget gap].",
        ),
        poor=(
            "There had been {n} directors of adult social services since {year}, and {source} said the changes had slowed improvement.",
            "Performance data was not used consistently, and leaders could not readily show how well the council met its Care Act duties.",
            "Oversight of the {programme} was weak, and [milestones had slipped|the benefits were not tracked] without challenge from members.",
            "The council faced a budget gap of {money} for {fy}, and the savings plan relied on [demand reduction that had not been tested|reductions in commissioned care].",
        ),
        facts=(
            "The adult social care improvement board, set up in {month}, met every {n} weeks and was chaired by the chief executive.",
            "The council's medium-term financial plan forecast a cumulative pressure of {money} by {year_far}.",
            "Information governance was overseen by a senior information risk owner, and {pct_hi}% of staff had completed data protection training.",
        ),
    ),
    Topic(
        "learning",
        good=(
            "There was a positive culture of learning, and {source} described [practice forums|reflective supervision|peer audits] as useful and well attended.",
            "Complaints were used to improve practice, and the number upheld fell by {pct_lo}% in {fy}.",
            "A principal social worker led a programme of audits, and findings from {n} case file audits were fed back to teams within a month.",
            "The council took part in peer review with neighbouring councils in {year} and acted on its recommendations.",
        ),
        poor=(
            "Complaints took an average of {n2} working days to resolve, and learning from them was not shared across teams.",
            "Audit activity had lapsed during {year}, and the council could not show that practice had improved as a result of previous findings.",
            "{source} told us training was mostly online and did not meet the needs of [experienced practitioners|newly qualified staff].",
        ),
        facts=(
            "The council received {n2} adult social care complaints and {n_big} compliments in {fy}.",
            "Learning from safeguarding adults reviews was shared through short briefings issued every {n} weeks.",
        ),
    ),
    Topic(
        "innovation",
        good=(
            "The council was part of a research partnership with [a local university|the {icb}], testing new approaches to [loneliness|hospital discharge|technology-enabled care].",
            "The {programme} was an example of innovation, and early evaluation showed a {pct_lo}% reduction in [admissions to care homes|hospital readmissions].",
            "Staff were encouraged to suggest improvements, and {n} ideas from frontline teams had been piloted since {year}.",
        ),
        poor=(
            "Innovation was limited, and pilots such as the {programme} were not evaluated before they ended.",
            "{source} told us there was little capacity to try new approaches because staff were focused on reducing waiting lists.",
        ),
        facts=(
            "The council invested {money_k} in digital innovation in {fy}, including a trial of [remote monitoring|online self-assessment].",
            "The {programme} was evaluated by an external partner, reporting in {month}.",
        ),
    ),
)

# Sentences that fit any subsection: `good`/`poor` conclude, `facts` attribute evidence.
GENERAL = Topic(
    "general",
    good=(
        "This meant people received timely support that reflected what mattered to them.",
        "This was a clear strength, and people's feedback reflected it.",
        "{source} were positive about this, and the evidence we reviewed supported their view.",
        "This had a positive impact on people's independence and wellbeing.",
        "Leaders were aware of what was working well and had plans to build on it.",
    ),
    poor=(
        "This meant some people waited longer than they should for the support they needed.",
        "Leaders recognised this as an area for improvement, and an action plan was in place, but it was too early to see its impact.",
        "This was an area where people's experiences did not yet match the council's ambitions.",
        "The impact of this on people had not been fully assessed.",
        "{source} told us this had been a concern for some time.",
    ),
    facts=(
        "We heard this from several sources during our assessment, including case tracking and conversations with {source_lc}.",
        "Data supplied by the council for {fy} supported this picture.",
        "{source} gave us examples that illustrated this.",
    ),
)
