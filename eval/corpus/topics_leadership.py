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
            "Members had a good understanding of adult social care, and [scrutiny|the health and adult social care committee] had reviewed {n} reports on it since {month}.",
            "The council's self-assessment was honest about its weaknesses, and leaders could explain what they were doing about each one.",
            "A quarterly assurance report brought together performance, complaints, safeguarding and workforce data, and {source} said it gave a rounded picture.",
            "{source} told us leaders were [visible|approachable|clear about priorities], and decisions were [explained well|made openly|based on evidence].",
        ),
        poor=(
            "There had been {few} directors of adult social services since {year}, and {source} said the changes had slowed improvement.",
            "Performance data was not used consistently, and leaders could not readily show how well the council met its Care Act duties.",
            "Oversight of the {programme} was weak, and [milestones had slipped|the benefits were not tracked] without challenge from members.",
            "The council faced a budget gap of {money} for {fy}, and the savings plan relied on [demand reduction that had not been tested|reductions in commissioned care].",
            "Leaders did not have a single, reliable view of performance, and reports to members in {fy} were described by {source} as [partial|late|hard to interpret].",
            "The council's improvement plan had {n2} actions but few measures of impact, so progress was reported as activity rather than outcomes.",
            "Accountability for Care Act duties was unclear between the council and its partners, and {source} gave us conflicting accounts of who decided what.",
            "{source} told us leadership changes had left [staff uncertain|priorities unclear|partners unsure who to approach], and some decisions had been [delayed|reversed|made without consultation].",
        ),
        facts=(
            "The adult social care improvement board, set up in {month}, met every {few} weeks and was chaired by the chief executive.",
            "The council's medium-term financial plan forecast a cumulative pressure of {money} by {year_far}.",
            "Information governance was overseen by a senior information risk owner, and {pct_hi}% of staff had completed data protection training.",
            "The council's adult social care directorate employed around {n_big} staff in {month}.",
            "The council's corporate plan for {fy} named adult social care as one of its {few} priorities.",
        ),
    ),
    Topic(
        "learning",
        good=(
            "There was a positive culture of learning, and {source} described [practice forums|reflective supervision|peer audits] as useful and well attended.",
            "Complaints were used to improve practice, and the number upheld fell by {pct_lo}% in {fy}.",
            "A principal social worker led a programme of audits, and findings from {n} case file audits were fed back to teams within a month.",
            "The council took part in peer review with neighbouring councils in {year} and acted on its recommendations.",
            "{source} described an open culture where mistakes were discussed without blame and lessons were acted on.",
            "Newly qualified social workers completed an assessed and supported year with protected caseloads, and {pct_hi}% stayed with the council after it ended.",
            "Learning from complaints led to [clearer letters about charges|a new process for urgent reviews|changes to how carers are contacted], and {source} could describe the changes.",
            "Staff in {locality} told us they [learned from each other|shared good practice at team meetings|were encouraged to reflect on difficult cases], and managers [supported this|made time for it|valued it].",
        ),
        poor=(
            "Complaints took an average of {n2} working days to resolve, and learning from them was not shared across teams.",
            "Audit activity had lapsed during {year}, and the council could not show that practice had improved as a result of previous findings.",
            "{source} told us training was mostly online and did not meet the needs of [experienced practitioners|newly qualified staff].",
            "The council did not routinely collect feedback from people after an assessment or review, so it had little insight into their experience.",
            "Learning from audits was not followed through, and the same issues with [recording|risk assessment|carers' assessments] appeared in audits in {year} and {year2}.",
            "Staff said there was little time for reflective practice, and team development sessions were cancelled in {few} of the last 12 months.",
            "{source} told us learning was [not shared across teams|rarely followed up|focused on compliance], and the same problems [recurred|came up in complaints|appeared in audits].",
        ),
        facts=(
            "The council received {n2} adult social care complaints and {n_big} compliments in {fy}.",
            "Learning from safeguarding adults reviews was shared through short briefings issued every {few} weeks.",
            "The council spent {money_k} on training for adult social care staff in {fy}.",
            "In {fy}, {n} practice educators supported students and newly qualified staff.",
        ),
    ),
    Topic(
        "innovation",
        good=(
            "The council was part of a research partnership with [a local university|the {icb}], testing new approaches to [loneliness|hospital discharge|technology-enabled care].",
            "The {programme} was an example of innovation, and early evaluation showed a {pct_lo}% reduction in [admissions to care homes|hospital readmissions].",
            "Staff were encouraged to suggest improvements, and {n} ideas from frontline teams had been piloted since {year}.",
            "Staff were given time to test ideas, and a small innovation fund of {money_k} supported {n} projects.",
            "The council shared its learning from the {programme} at regional events, and {few} councils had visited to see it.",
            "{partner_source} told us the council was [willing to try new ideas|open to pilots|ambitious], and gave examples such as [a digital front door|community micro-enterprises|a shared lives scheme].",
        ),
        poor=(
            "Innovation was limited, and pilots such as the {programme} were not evaluated before they ended.",
            "{source} told us there was little capacity to try new approaches because staff were focused on reducing waiting lists.",
            "Leaders talked about innovation but could not give examples of new approaches that had been tested and scaled up.",
            "There was no process to evaluate new ideas, so it was unclear which had made a difference to people.",
            "{source} told us new ideas were [slow to get approval|not funded beyond a pilot|lost when staff left], and innovation depended on [a few enthusiasts|short-term grants|individual managers].",
        ),
        facts=(
            "The council invested {money_k} in digital innovation in {fy}, including a trial of [remote monitoring|online self-assessment].",
            "The {programme} was evaluated by an external partner, reporting in {month}.",
            "The council's innovation board met {few} times in {fy}.",
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
        "Feedback from people reflected this, with many describing support that was [timely|respectful|well coordinated].",
        "We saw this in the case files we reviewed as well as in what people told us.",
        "Partners confirmed this picture, and several gave examples of the difference it had made to people.",
    ),
    poor=(
        "This meant some people waited longer than they should for the support they needed.",
        "Leaders recognised this as an area for improvement, and an action plan was in place, but it was too early to see its impact.",
        "This was an area where people's experiences did not yet match the council's ambitions.",
        "The impact of this on people had not been fully assessed.",
        "{source} told us this had been a concern for some time.",
        "Leaders were aware of this and had plans to address it, but the plans were not yet fully resourced.",
        "People's feedback showed that this had a real impact on their day-to-day lives.",
        "This increased the risk that people's needs would not be met in good time.",
    ),
    facts=(
        "We heard this from several sources during our assessment, including case tracking and conversations with {source}.",
        "Data supplied by the council for {fy} supported this picture.",
        "{source} gave us examples that illustrated this.",
        "Performance data for {month} showed a similar pattern.",
        "The council's own self-assessment reached the same conclusion.",
    ),
)
