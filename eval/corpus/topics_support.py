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
            "Community hubs in {locality} and {locality2} offered drop-in advice, and {n_big} people used them in {fy}.",
            "One person told us a [community navigator|falls prevention worker|local group] had helped them [get out of the house again|make new friends|stay safe at home], and they had not needed formal care.",
        ),
        poor=(
            "Prevention was not yet embedded, and {source} told us most resources went to people already in crisis.",
            "Funding for the {programme} ended in {month}, and there was no clear plan for [what would replace it|how its outcomes would be sustained].",
            "The council could not show what difference its prevention offer made, as outcomes were not tracked beyond {weeks} weeks.",
            "There was little prevention support for younger adults, and most services were aimed at older people.",
            "{source} told us preventive support was [hard to find|unevenly spread|dependent on short-term funding], and people in {locality} had fewer options.",
        ),
        facts=(
            "The prevention budget for {fy} was {money}, about {pct_lo}% of adult social care spending.",
            "Public health and adult social care shared {few} joint posts to lead prevention work.",
        ),
    ),
    Topic(
        "reablement",
        good=(
            "The {reablement_service} provided up to six weeks of short-term support, and {reable_pct}% of people needed no ongoing care afterwards.",
            "Therapists and reablement workers set goals with each person, and people told us the support [rebuilt their confidence|helped them get back to their routines].",
            "Intermediate care beds were used flexibly for step-up and step-down care, and the average length of stay was {days} days.",
            "Of older people discharged to reablement, {reable_pct}% were still at home 91 days later.",
            "One person told us reablement staff had helped them [walk to the shops again|cook for themselves|manage the stairs], and they no longer needed [daily visits|homecare|help with personal care].",
        ),
        poor=(
            "Demand for the {reablement_service} exceeded capacity, and {pct}% of referrals in {month} could not be accepted.",
            "Reablement was often used to bridge gaps in homecare, so people stayed on the service for up to {weeks} weeks without clear goals.",
            "Only {reable_pct}% of people left reablement without needing ongoing support, [below|lower than] comparable councils.",
            "People told us reablement [ended before they felt ready|was more like homecare|started several days late], and {source} said therapy input was limited.",
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
            "Digital self-assessment was available for simpler needs, and {n_big} people used it in {fy}.",
            "People told us equipment arrived [quickly|when promised|with clear instructions], and [a pendant alarm|a bed sensor|a video-calling device] had helped them feel safer at home.",
        ),
        poor=(
            "Major adaptations took up to {months} months, and people told us they had to [sleep downstairs|rely on family] while they waited.",
            "Technology-enabled care was offered inconsistently, and staff had limited knowledge of what was available.",
            "The {system} did not share information with health systems, so {source} had to re-enter data and could not see hospital records.",
            "The move to the {system} in {year} had caused problems, and some records were incomplete.",
            "One [person|carer|family member] told us they had waited months for [a stairlift|a level-access shower|a ramp], and had [fallen|stopped going out|moved into one room] while they waited.",
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
            "Contracts focused on outcomes, and providers were paid for [helping people regain independence|meeting agreed goals] rather than hours delivered.",
            "Commissioners used data from the {system} to understand unmet need and plan new services.",
            "{partner_source} told us commissioners [understood the local market|shared data openly|involved them early], and plans reflected [what people wanted|local needs|feedback from the {forum}].",
        ),
        poor=(
            "The market position statement was out of date, and commissioners had limited data on [future demand|the needs of younger adults|self-funders].",
            "{source} told us commissioning decisions were driven by price, and fee rates had not kept pace with costs.",
            "Commissioning for people with complex needs relied on out-of-area placements, with {n2} people placed more than 20 miles from home.",
            "Commissioners had limited capacity, and {n} contracts had been extended without review.",
            "Day opportunities had not been recommissioned for many years, and people told us the choice was [limited|dated|not what they wanted].",
            "{partner_source} described commissioning as [reactive|focused on cost|slow to change], with gaps in [support for autistic adults|mental health services|rural homecare] left unaddressed.",
        ),
        facts=(
            "The council spent {money_large} on commissioned care in {fy}, {pct}% of it with residential and nursing homes.",
            "The population aged over 85 was forecast to grow by {pct_lo}% by {year_far}.",
            "Commissioning plans were reviewed annually by the joint commissioning board.",
            "The council had {n2} contracts for adult social care services in {month}, worth {money} a year.",
        ),
    ),
    Topic(
        "market",
        good=(
            "In {month}, {pct_hi}% of care homes and homecare agencies in the area were rated good or outstanding by CQC.",
            "A zoned homecare model introduced in {month} cut unmet hours by {pct}%, and most people received care within {days} days.",
            "Providers told us fee uplifts of {pct_lo}% for {fy} were agreed early, which helped them plan.",
            "The quality team visited providers regularly, and a provider support offer helped {n} services improve their ratings.",
            "The council worked with providers on a shared fee model, and {source} said the process was [open|fair|based on evidence].",
            "There was enough homecare to meet demand in most areas, and people rarely waited more than {days} days for a package to start.",
            "People told us they had a [good|reasonable] choice of [care homes|homecare agencies|day opportunities], and most could find care close to [family|home|their community].",
        ),
        poor=(
            "There were {n_big} hours of unmet homecare need in {month}, concentrated in rural areas around {locality}.",
            "The council had limited nursing care capacity, and people were sometimes placed [out of area|far from family] at short notice.",
            "Several providers told us the council paid below the cost of care, and {n} homes had closed since {year}.",
            "People told us they had little choice of provider, particularly for [dementia care|specialist support|night-time care].",
            "The quality of care homes varied, and {pct_lo}% were rated requires improvement or inadequate in {month}.",
            "The council did not have a clear picture of the care it would need in future, particularly for people with [dementia|complex needs|a learning disability].",
            "One [person|family member|carer] told us they had [waited weeks for a homecare agency|been offered a care home far from family|had no choice of provider], which [caused distress|delayed their discharge|left them without support].",
        ),
        facts=(
            "There were {n2} care homes and {n} homecare agencies registered in the area in {month}.",
            "The council's average weekly fee for residential care was {money_week}.",
            "Self-funders made up around {pct}% of the care home population.",
            "The council arranged around {n_big} hours of homecare a week in {month}.",
        ),
    ),
    Topic(
        "workforce",
        good=(
            "Staff told us they felt [valued and supported|well supported by managers], with manageable caseloads and regular supervision.",
            "The council grew its own workforce through apprenticeships, and {n} social work apprentices qualified in {year}.",
            "A care sector recruitment campaign, run with providers under the {programme}, filled {n_big} vacancies.",
            "The council had a clear workforce strategy, and the turnover rate for social workers fell to {pct_lo}% in {fy}.",
            "Career pathways for occupational therapists and social workers helped the council retain experienced staff.",
            "{source} told us they had [good access to training|protected time for development|supportive managers], and many had [stayed with the council for years|progressed into senior roles|returned after working elsewhere].",
        ),
        poor=(
            "The vacancy rate for social workers was {vacancy_pct}%, and the council relied on agency staff to cover {n} posts.",
            "Caseloads were high, and {source} told us supervision was often cancelled.",
            "Care providers reported a vacancy rate of {vacancy_pct}% and difficulty retaining staff, especially [drivers|night staff|nurses].",
            "Staff told us morale was low after a restructure in {year}, and several experienced managers had left.",
            "There were not enough approved mental health professionals, and the council relied on {n} agency staff to cover the rota.",
            "{source} described [heavy caseloads|high turnover|reliance on agency staff] as a [growing concern|daily pressure|risk to people's care], especially in {locality}.",
        ),
        facts=(
            "The adult social care workforce numbered around {n_big} people across {n2} employers.",
            "Records showed that {pct}% of council social care staff had completed training on the Mental Capacity Act in the last two years.",
            "Around {pct}% of the council's social workers had been qualified for less than two years.",
        ),
    ),
    Topic(
        "partnerships",
        good=(
            "Partners described the council as [a trusted|an open and reliable|a committed] partner, and leaders across health and care shared clear priorities.",
            "The council and the {icb} had a joint plan for ageing well, with shared targets for [falls|admissions|discharge delays].",
            "Integrated neighbourhood teams in {locality} brought together social workers, district nurses and GPs, and {source} said referrals were quicker as a result.",
            "The Better Care Fund was used to support jointly agreed priorities, and partners said decision-making was transparent.",
            "Joint posts with the {icb} helped to align plans, including a shared lead for [learning disability and autism|mental health|hospital discharge].",
            "Partners told us the council was willing to share risks, and a pooled budget of {money} funded jointly agreed services.",
            "{partner_source} told us relationships with the council were [strong|constructive|built on trust], and problems were [resolved quickly|discussed openly|escalated appropriately].",
        ),
        poor=(
            "Partnership working was at an early stage, and {source} told us relationships depended on individuals rather than shared structures.",
            "Health partners said information sharing was difficult, and the council and the {trust} used systems that did not connect.",
            "The council had not evaluated the impact of its joint arrangements, so it was unclear what difference they made to people.",
            "Partners told us the council was slow to respond to proposals, and some joint projects stalled for {months} months.",
            "There was no shared outcomes framework across partners, so it was hard to tell whether joint work improved people's lives.",
            "{partner_source} told us joint working with the council was [inconsistent|dependent on individuals|hampered by slow decisions], and people sometimes [fell between services|had to repeat their story|waited for agencies to agree].",
        ),
        facts=(
            "The health and wellbeing board met {few} times a year, and the council's cabinet member for adult social care chaired it.",
            "The Better Care Fund for {fy} totalled {money}.",
            "The council sat within the footprint of the {icb}, alongside {few} other local authorities.",
            "The council had {few} section 75 agreements with NHS partners in {fy}.",
        ),
    ),
    Topic(
        "voluntary",
        good=(
            "The council funded {vcs_org} to support {n2} community groups, and partners valued its [light-touch grants|practical help|convening role].",
            "Voluntary sector partners were involved early in planning and told us the council listened to them.",
            "A small grants scheme worth {money_k} supported {n2} community projects, including [lunch clubs|men's sheds|digital inclusion sessions].",
            "Voluntary groups in {locality} told us the council [valued their knowledge|funded them fairly|involved them in planning], and they could [reach people the council could not|respond quickly to need].",
        ),
        poor=(
            "Voluntary sector partners said short-term contracts made it hard to plan, with some grants renewed only {few} weeks before they ended.",
            "{source} told us referrals to community groups were rarely followed up, so the council did not know whether people's needs were met.",
            "Voluntary groups told us they were [under-funded|not consulted|treated as a cheap alternative], and some had [reduced their services|closed waiting lists|lost staff] as a result.",
        ),
        facts=(
            "{vcs_org} listed {n_big} voluntary and community organisations in its directory.",
            "The council's grants to voluntary organisations totalled {money_k} in {fy}.",
        ),
    ),
    Topic(
        "housing",
        good=(
            "Adult social care and housing worked closely, and {housing_org} opened {n2} extra care flats in {locality} in {year}.",
            "A housing occupational therapist worked alongside the housing register team, so adapted homes were matched to people who needed them.",
            "Since {year}, {n} people with a learning disability had moved from residential care into supported living under the {programme}.",
            "One person told us a move to [extra care housing|an adapted bungalow|supported living] had [given them their independence back|brought them closer to family|reduced the care they needed].",
        ),
        poor=(
            "There was a shortage of supported and extra care housing, and {source} said people stayed in hospital or residential care for want of a suitable home.",
            "The housing strategy did not reflect adult social care needs, and there was no shared plan with {housing_org}.",
            "{source} told us people were [stuck in hospital|living in unsuitable homes|placed out of area] because the right housing was not available in {locality}.",
        ),
        facts=(
            "The council and {housing_org} had {n_big} units of sheltered and extra care housing between them.",
            "Demand for wheelchair-accessible homes was forecast to rise by {pct_lo}% by {year_far}.",
        ),
    ),
)
