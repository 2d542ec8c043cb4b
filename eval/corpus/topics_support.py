"""Sentence templates about the support the council arranges: prevention, reablement,
equipment and technology, commissioning, the care market, the care workforce,
partnerships, the voluntary sector and housing.

Data only; slot names are listed in `compose`. Every template is one sentence of our own
invention, ending with a full stop.
"""

from __future__ import annotations

from eval.corpus.topic import Topic

TOPICS: tuple[Topic, ...] = (
    Topic(
        "prevention",
        good=(
            "The council's {strategy} set clear priorities for prevention, including [reducing falls|tackling loneliness|healthy ageing at home], and leaders could show how spending followed them.",
            "The {programme} supported {n_big} people in {fy}, and {pct_hi}% did not need long-term care within six months.",
            "People whose needs were not eligible were helped to find [community groups|practical support|benefits advice] rather than simply being signposted away.",
            "A falls prevention service run with the {trust} saw {n_big} people, and hospital admissions for falls fell by {pct_lo}%.",
        ),
        poor=(
            "Prevention was not yet embedded, and {source} told us most resources went to people already in crisis.",
            "Funding for the {programme} ended in {month}, and there was no clear plan for [what would replace it|how its outcomes would be sustained].",
            "The council could not show what difference its prevention offer made, as outcomes were not tracked beyond {weeks} weeks.",
        ),
        facts=(
            "The prevention budget for {fy} was {money}, about {pct_lo}% of adult social care spending.",
            "Public health and adult social care shared {n} joint posts to lead prevention work.",
        ),
    ),
    Topic(
        "reablement",
        good=(
            "The {reablement_service} provided up to six weeks of short-term support, and {reable_pct}% of people needed no ongoing care afterwards.",
            "Therapists and reablement workers set goals with each person, and people told us the support [rebuilt their confidence|helped them get back to their routines].",
            "Intermediate care beds were used flexibly for step-up and step-down care, and the average length of stay was {days} days.",
            "{reable_pct}% of older people discharged to reablement were still at home 91 days later.",
        ),
        poor=(
            "Demand for the {reablement_service} exceeded capacity, and {pct}% of referrals in {month} could not be accepted.",
            "Reablement was often used to bridge gaps in homecare, so people stayed on the service for up to {weeks} weeks without clear goals.",
            "Only {reable_pct}% of people left reablement without needing ongoing support, [below|lower than] comparable councils.",
        ),
        facts=(
            "In {fy}, {n_big} people started reablement, {pct}% of them after a hospital stay.",
            "The {reablement_service} had {n2} staff and was jointly funded with the {icb}.",
        ),
    ),
    Topic(
        "technology",
        good=(
            "The community equipment service delivered {pct_hi}% of standard items within {days} working days, and urgent items the same day.",
            "A technology-enabled care pilot under the {programme} issued {n_big} sensor kits, and {source} reported fewer unplanned hospital visits.",
            "Data from the {system} was used to build a live dashboard of demand, waiting times and outcomes.",
        ),
        poor=(
            "Major adaptations took up to {months} months, and people told us they had to [sleep downstairs|rely on family] while they waited.",
            "Technology-enabled care was offered inconsistently, and staff had limited knowledge of what was available.",
            "The {system} did not share information with health systems, so {source} had to re-enter data and could not see hospital records.",
        ),
        facts=(
            "The council approved {n_big} disabled facilities grants in {fy}, worth {money}.",
            "The community equipment contract, worth {money} a year, was jointly commissioned with the {icb}.",
        ),
    ),
    Topic(
        "commissioning",
        good=(
            "The market position statement, refreshed in {month}, drew on the joint strategic needs assessment and forecast demand to {year_far}.",
            "Commissioning was informed by people's feedback, and the recommissioning of [homecare|day opportunities|supported living] involved the {forum}.",
            "The council worked with the {icb} on joint commissioning, pooling {money} through the Better Care Fund.",
            "{source} described commissioners as [visible and responsive|open and collaborative], with regular provider forums.",
        ),
        poor=(
            "The market position statement was out of date, and commissioners had limited data on [future demand|the needs of younger adults|self-funders].",
            "{source} told us commissioning decisions were driven by price, and fee rates had not kept pace with costs.",
            "Commissioning for people with complex needs relied on out-of-area placements, with {n2} people placed more than 20 miles from home.",
        ),
        facts=(
            "The council spent {money} on commissioned care in {fy}, {pct}% of it with residential and nursing homes.",
            "The population aged over 85 was forecast to grow by {pct_lo}% by {year_far}.",
            "Commissioning plans were reviewed annually by the joint commissioning board.",
        ),
    ),
    Topic(
        "market",
        good=(
            "{pct_hi}% of care homes and homecare agencies in the area were rated good or outstanding by CQC.",
            "A zoned homecare model introduced in {month} cut unmet hours by {pct}%, and most people received care within {days} days.",
            "Providers told us fee uplifts of {pct_lo}% for {fy} were agreed early, which helped them plan.",
            "The quality team visited providers regularly, and a provider support offer helped {n} services improve their ratings.",
        ),
        poor=(
            "There were {n_big} hours of unmet homecare need in {month}, concentrated in rural areas around {locality}.",
            "The council had limited nursing care capacity, and people were sometimes placed [out of area|far from family] at short notice.",
            "Several providers told us the council paid below the cost of care, and {n} homes had closed since {year}.",
            "People told us they had little choice of provider, particularly for [dementia care|specialist support|night-time care].",
        ),
        facts=(
            "There were {n2} care homes and {n} homecare agencies registered in the area in {month}.",
            "The council's average weekly fee for residential care was {money_week}.",
            "Self-funders made up around {pct}% of the care home population.",
        ),
    ),
    Topic(
        "workforce",
        good=(
            "Staff told us they felt [valued and supported|well supported by managers], with manageable caseloads and regular supervision.",
            "The council grew its own workforce through apprenticeships, and {n} social work apprentices qualified in {year}.",
            "A care sector recruitment campaign, run with providers under the {programme}, filled {n_big} vacancies.",
        ),
        poor=(
            "The vacancy rate for social workers was {vacancy_pct}%, and the council relied on agency staff to cover {n} posts.",
            "Caseloads were high, and {source} told us supervision was often cancelled.",
            "Care providers reported a vacancy rate of {vacancy_pct}% and difficulty retaining staff, especially [drivers|night staff|nurses].",
        ),
        facts=(
            "The adult social care workforce numbered around {n_big} people across {n2} employers.",
            "{pct}% of council social care staff had completed training on the Mental Capacity Act in the last two years.",
        ),
    ),
    Topic(
        "partnerships",
        good=(
            "Partners described the council as [a trusted|an open and reliable|a committed] partner, and leaders across health and care shared clear priorities.",
            "The council and the {icb} had a joint plan for ageing well, with shared targets for [falls|admissions|discharge delays].",
            "Integrated neighbourhood teams in {locality} brought together social workers, district nurses and GPs, and {source} said referrals were quicker as a result.",
            "The Better Care Fund was used to support jointly agreed priorities, and partners said decision-making was transparent.",
        ),
        poor=(
            "Partnership working was at an early stage, and {source} told us relationships depended on individuals rather than shared structures.",
            "Health partners said information sharing was difficult, and the council and the {trust} used systems that did not connect.",
            "The council had not evaluated the impact of its joint arrangements, so it was unclear what difference they made to people.",
        ),
        facts=(
            "The health and wellbeing board met {n} times a year, and the council's cabinet member for adult social care chaired it.",
            "The Better Care Fund for {fy} totalled {money}.",
            "The council sat within the footprint of the {icb}, alongside {n} other local authorities.",
        ),
    ),
    Topic(
        "voluntary",
        good=(
            "The council funded {vcs_org} to support {n2} community groups, and partners valued its [light-touch grants|practical help|convening role].",
            "Voluntary sector partners were involved early in planning and told us the council listened to them.",
            "A small grants scheme worth {money_k} supported {n2} community projects, including [lunch clubs|men's sheds|digital inclusion sessions].",
        ),
        poor=(
            "Voluntary sector partners said short-term contracts made it hard to plan, with some grants renewed only {n} weeks before they ended.",
            "{source} told us referrals to community groups were rarely followed up, so the council did not know whether people's needs were met.",
        ),
        facts=(
            "{vcs_org} listed {n_big} voluntary and community organisations in its directory.",
            "The council's grants to voluntary organisations totalled {money} in {fy}.",
        ),
    ),
    Topic(
        "housing",
        good=(
            "Adult social care and housing worked closely, and {housing_org} opened {n2} extra care flats in {locality} in {year}.",
            "A housing occupational therapist worked alongside the housing register team, so adapted homes were matched to people who needed them.",
            "{n} people with a learning disability moved from residential care into supported living under the {programme}.",
        ),
        poor=(
            "There was a shortage of supported and extra care housing, and {source} said people stayed in hospital or residential care for want of a suitable home.",
            "The housing strategy did not reflect adult social care needs, and there was no shared plan with {housing_org}.",
        ),
        facts=(
            "The council and {housing_org} had {n_big} units of sheltered and extra care housing between them.",
            "Demand for wheelchair-accessible homes was forecast to rise by {pct_lo}% by {year_far}.",
        ),
    ),
)
