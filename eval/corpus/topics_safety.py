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
        ),
        poor=(
            "An average of {n2} people a day were delayed in hospital in {month} while waiting for care, mostly for [homecare|nursing home places|a care home bed].",
            "People told us they were discharged without a clear plan, and some were readmitted within {days} days.",
            "{source} said discharge pressures led to people being placed in short-term beds that became permanent without a proper assessment.",
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
            "When {n} care homes closed in {year}, people were moved safely and every resident had a review within {weeks} weeks.",
            "Information about people's risks moved with them between teams, and {source} told us handovers were [thorough|well managed].",
        ),
        poor=(
            "There was no shared view of risk across teams, and people waiting for assessment were not routinely risk-rated.",
            "Provider failure plans had not been updated since {year}, and {source} were unclear about their roles if a large provider closed.",
            "Incidents were recorded but not analysed for themes, so [repeat problems|patterns of harm] were not picked up.",
        ),
        facts=(
            "The council's risk register for adult social care listed {n} risks in {month}, including workforce capacity and market sustainability.",
            "Out-of-hours cover was provided by an emergency duty team of {n} social workers.",
        ),
    ),
    Topic(
        "transitions",
        good=(
            "The {transitions_team} started working with young people from age 14, and {pct_hi}% had a plan in place before their 18th birthday.",
            "Young people and their families told us the move to adult services was [well planned|smooth|explained clearly].",
            "People moving into the area had their care continued while a new assessment was completed, in line with the Care Act.",
        ),
        poor=(
            "Planning for young people moving to adult services often started late, and {n} young people turned 18 in {fy} without an agreed plan.",
            "Families described the move to adult services as a ['cliff edge'|sudden change|time of uncertainty], with support ending before new support began.",
            "The {transitions_team} had a caseload of {n2} young people per worker, and {source} said it was stretched.",
        ),
        facts=(
            "{n2} young people were known to the {transitions_team} in {month}.",
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
        ),
        poor=(
            "There was a backlog of {n_big} safeguarding concerns awaiting screening in {month}, and some waited more than {weeks} weeks.",
            "People were not always asked what they wanted from a safeguarding enquiry, and only {pct}% had their desired outcomes recorded.",
            "Learning from safeguarding adults reviews was not shared consistently with frontline staff.",
            "Thresholds for section 42 enquiries were applied inconsistently, and {source} said decisions varied between teams.",
        ),
        facts=(
            "In {fy} the council received {n_big} safeguarding concerns and started {s42} section 42 enquiries.",
            "The most common types of abuse were [neglect and acts of omission|financial abuse|self-neglect], accounting for {pct}% of enquiries.",
            "The {board} published {n} safeguarding adults reviews between {year} and {year2}.",
        ),
    ),
    Topic(
        "dols",
        good=(
            "Applications for Deprivation of Liberty Safeguards were prioritised using a recognised tool, and urgent applications were completed within {days} days.",
            "Best interests assessors were well trained, and audits found {pct_hi}% of assessments met the required standard.",
        ),
        poor=(
            "There were {dols_backlog} Deprivation of Liberty Safeguards applications awaiting assessment, some for more than {months} months.",
            "{source} told us people could be deprived of their liberty without the legal safeguards in place because of the backlog.",
        ),
        facts=(
            "The council received {n_big} Deprivation of Liberty Safeguards applications in {fy}.",
            "Best interests assessments were carried out by a team of {n} assessors, supported by trained social workers.",
        ),
    ),
)
