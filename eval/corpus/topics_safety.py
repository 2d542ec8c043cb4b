"""Sentence templates about safety within the system: hospital discharge, risk and
contingency, transitions between services, safeguarding and the Deprivation of Liberty
Safeguards.

Data only; slot names are listed in `compose`. Every template is one sentence of our own
invention, ending with a full stop.
"""

from __future__ import annotations

from eval.corpus.topic import Topic

TOPICS: tuple[Topic, ...] = (
    Topic(
        "hospital_discharge",
        good=(
            "The {discharge_team} brought together council, {trust} and voluntary sector staff, and most people left hospital on the day they were ready.",
            "A home-first approach meant {pct_hi}% of people discharged from hospital went back to their usual place of residence.",
            "Daily discharge calls with the {trust} helped {source} to resolve delays quickly and plan support before people left hospital.",
            "People told us they were [involved in planning their discharge|told what support to expect|visited at home soon after leaving hospital], and {source} described discharge as [well coordinated|timely|safe].",
        ),
        poor=(
            "An average of {n2} people a day were delayed in hospital in {month} while waiting for care, mostly for [homecare|nursing home places|a care home bed].",
            "People told us they were discharged without a clear plan, and some were readmitted within {days} days.",
            "{source} said discharge pressures led to people being placed in short-term beds that became permanent without a proper assessment.",
            "One [person|family member|carer] told us they were discharged [late in the evening|without equipment in place|before care had been arranged], and had to [rely on neighbours|go back into hospital|manage alone].",
        ),
        facts=(
            "In {fy}, {n_big} people were discharged from hospital with support arranged by the council.",
            "Discharge funding of {money} was pooled with the {icb} in {fy}.",
        ),
    ),
    Topic(
        "safety",
        good=(
            "Risks were identified early, and a weekly risk meeting reviewed people whose situations were [unstable|escalating|complex].",
            "The council had tested its business continuity plans, including a {month} exercise with providers on [a cyber incident|severe weather|a provider failure].",
            "When {few} care homes closed in {year}, people were moved safely and every resident had a review within {weeks} weeks.",
            "Information about people's risks moved with them between teams, and {source} told us handovers were [thorough|well managed].",
            "Staff knew how to escalate risks, and a senior manager reviewed every high-risk case each week.",
            "When a homecare provider failed in {month}, the council found new care for {n2} people within {days} days.",
            "{source} told us they felt confident raising concerns about risk, and that [managers responded quickly|plans were changed when needed|people's views were taken into account].",
        ),
        poor=(
            "There was no shared view of risk across teams, and people waiting for assessment were not routinely risk-rated.",
            "Provider failure plans had not been updated since {year}, and {source} were unclear about their roles if a large provider closed.",
            "Incidents were recorded but not analysed for themes, so [repeat problems|patterns of harm] were not picked up.",
            "Risk assessments were not always updated when people's circumstances changed, and {source} gave examples of risks being missed.",
            "Out-of-hours arrangements were stretched, and the emergency duty team had only {few} social workers covering the whole area.",
            "{source} gave examples of [missed visits|unsafe discharges|risks that were not followed up], and these had not always been reported as incidents.",
        ),
        facts=(
            "The council's risk register for adult social care listed {n} risks in {month}, including workforce capacity and market sustainability.",
            "Out-of-hours cover was provided by an emergency duty team of {few} social workers.",
            "The council's emergency plan for adult social care was last tested in {month}.",
        ),
    ),
    Topic(
        "transitions",
        good=(
            "The {transitions_team} started working with young people from age 14, and {pct_hi}% had a plan in place before their 18th birthday.",
            "Young people and their families told us the move to adult services was [well planned|smooth|explained clearly].",
            "People moving into the area had their care continued while a new assessment was completed, in line with the Care Act.",
            "Children's and adults' services shared a joint panel for young people with complex needs, which met every {few} weeks.",
            "One young person told us their [transitions worker|social worker|personal adviser] had [helped them plan for college|explained adult services clearly|stayed with them through the move], and they felt [ready|prepared|listened to].",
        ),
        poor=(
            "Planning for young people moving to adult services often started late, and {n} young people turned 18 in {fy} without an agreed plan.",
            "Families described the move to adult services as a ['cliff edge'|sudden change|time of uncertainty], with support ending before new support began.",
            "The {transitions_team} had a caseload of {n2} young people per worker, and {source} said it was stretched.",
            "Young people's care often changed when they reached 18, and families said they had to [start again|repeat their story|fight for support].",
            "One parent told us their son's support [stopped at 18|was cut when he moved to adult services|had to be re-negotiated from scratch], and the family had [given up work to care for him|made a complaint|paid for support themselves].",
        ),
        facts=(
            "In {month}, {n2} young people were known to the {transitions_team}.",
            "A transitions protocol agreed with children's services in {year} set out responsibilities from age 14 to 25.",
        ),
    ),
    Topic(
        "safeguarding",
        good=(
            "The {safeguarding_team} screened concerns promptly, and {pct_hi}% were triaged within 24 hours.",
            "The {board} had clear priorities, including [self-neglect|financial abuse|domestic abuse|exploitation], and partners shared learning from reviews.",
            "People were asked what outcomes they wanted from a safeguarding enquiry, and {pct_hi}% said they were achieved in full or in part.",
            "{source} understood their safeguarding responsibilities, and practice guidance had been refreshed in {month}.",
            "Multi-agency arrangements were strong, and the {safeguarding_team} worked alongside police and health staff in the same office.",
            "Safeguarding practice was audited every quarter, and {pct_hi}% of files met the council's standard in {month}.",
            "The council responded quickly to concerns about a care home in {year}, working with partners to keep residents safe.",
            "One person told us the safeguarding worker had [listened to what they wanted|kept them informed|helped them feel safe again], and their wishes had shaped [the outcome|the plan|what happened next].",
        ),
        poor=(
            "There was a backlog of {n_big} safeguarding concerns awaiting screening in {month}, and some waited more than {weeks} weeks.",
            "People were not always asked what they wanted from a safeguarding enquiry, and only {pct}% had their desired outcomes recorded.",
            "Learning from safeguarding adults reviews was not shared consistently with frontline staff.",
            "Thresholds for section 42 enquiries were applied inconsistently, and {source} said decisions varied between teams.",
            "Some safeguarding enquiries stayed open for many months, and {n} had been open for more than a year in {month}.",
            "Feedback to people who raised concerns was inconsistent, and {source} said they often did not know the outcome.",
            "The council's safeguarding data was not analysed to identify themes or high-risk settings.",
            "People told us safeguarding enquiries felt [like something done to them|slow and unclear|focused on process], and they were not told [what had happened|the outcome|what to expect].",
        ),
        facts=(
            "In {fy} the council received {n_big} safeguarding concerns and started {s42} section 42 enquiries.",
            "The most common types of abuse were [neglect and acts of omission|financial abuse|self-neglect], accounting for {pct}% of enquiries.",
            "The {board} published {n} safeguarding adults reviews between {year} and {year2}.",
            "Around {pct}% of safeguarding concerns came from the police and health services.",
        ),
    ),
    Topic(
        "dols",
        good=(
            "Applications for Deprivation of Liberty Safeguards were prioritised using a recognised tool, and urgent applications were completed within {days} days.",
            "Best interests assessors were well trained, and audits found {pct_hi}% of assessments met the required standard.",
            "{source} told us applications were [well prioritised|reviewed regularly|handled by experienced assessors], and care homes said they received [clear guidance|prompt decisions|good support].",
        ),
        poor=(
            "There were {dols_backlog} Deprivation of Liberty Safeguards applications awaiting assessment, some for more than {months} months.",
            "{source} told us people could be deprived of their liberty without the legal safeguards in place because of the backlog.",
            "Care homes told us they had [chased applications for months|no update on assessments|little guidance while waiting], and {source} said the backlog was [a known risk|not reducing|under-resourced].",
        ),
        facts=(
            "The council received {n_big} Deprivation of Liberty Safeguards applications in {fy}.",
            "Best interests assessments were carried out by a team of {n} assessors, supported by trained social workers.",
        ),
    ),
)
