"""Sentence templates about people's own experience of care: assessments, waiting,
charging, carers, direct payments, advocacy, information, equality and co-production.

Data only; slot names are listed in `compose`. Every template is one sentence of our own
invention, ending with a full stop.
"""

from __future__ import annotations

from eval.corpus.topic import Topic

TOPICS: tuple[Topic, ...] = (
    Topic(
        "assessments",
        good=(
            "People told us their assessments focused on [what they wanted to achieve|their strengths and goals|what mattered most to them] rather than on the services available.",
            "Care plans we [sampled|reviewed] were [clear, personalised and written in plain language|detailed and reflected people's own words], and {pct_hi}% had been shared with the person within {days} days.",
            "{source} described a strengths-based approach, and practitioners used the {programme} to [help people draw on family and community support|find solutions close to home].",
            "Reviews were largely up to date, with {pct_hi}% of people receiving long-term support reviewed in the previous 12 months.",
            "Occupational therapists and social workers carried out joint assessments where needs were complex, which people said saved them repeating their story.",
            "One person told us their [social worker|occupational therapist|assessor] had [taken time to understand their daily routine|involved their family in planning|arranged support around their allotment|helped them get back to their choir], so they could [stay in their own home|keep their independence|carry on doing what they enjoyed].",
            "{source} described assessments that [started with a conversation about what was going well|looked at the whole family|drew on community support before paid care], and the files we reviewed [bore this out|reflected this approach].",
            "Practitioners in {locality} told us they had the [time|freedom|support from managers] to [build relationships with people|try creative solutions|revisit plans when things changed].",
        ),
        poor=(
            "Assessments were [not consistently|not always] person-centred, and some care plans we reviewed [read as a list of tasks|did not record what the person wanted to achieve].",
            "Only {pct}% of people receiving long-term support had been reviewed in the last year, and {source} told us reviews were often triggered only by a crisis.",
            "{source} told us the quality of assessments varied between teams, and audits in {month} found {pct_lo}% of case files lacked a recorded outcome.",
            "People were not always told [what would happen next|when their plan would be reviewed|how their eligibility had been decided], which caused worry and repeated phone calls.",
            "Practitioners said recording on the {system} was slow and duplicated, taking time away from direct work with people.",
            "One [person|family member|carer] told us they had [been passed between teams|explained their situation several times|waited for a call back that never came], and [felt forgotten|lost confidence in the council|paid privately for help in the meantime].",
            "{source} told us assessments [sometimes focused on tasks rather than outcomes|were not always shared with the person|rarely considered the needs of the wider family].",
            "Case files we reviewed in {locality} showed [gaps in recording|plans that had not been updated|little evidence of the person's own views].",
        ),
        facts=(
            "In {fy} the council completed {n_big} Care Act assessments, of which {pct}% led to a package of long-term support.",
            "{front_door}, the council's single point of contact, handled {n_big} contacts in {fy}, and {pct}% were resolved at the first point of contact.",
            "Assessment work was organised into locality teams, including teams covering {locality} and {locality2}, with a specialist team for people with a learning disability.",
        ),
    ),
    Topic(
        "waiting",
        good=(
            "The median wait for a Care Act assessment had fallen to {wait_weeks} weeks by {month}, after the council [moved staff into a temporary duty pool|recruited {n} additional assessors].",
            "People on the waiting list were risk-rated by a senior practitioner and contacted every {days} days, so changes in need were [picked up quickly|acted on promptly].",
            "Leaders monitored waiting times weekly, and {source} told us urgent referrals were [allocated the same day|seen within 48 hours].",
            "A targeted review project cleared {n_big} overdue reviews between {month} and {month2}.",
            "People waiting for an assessment were given a named contact and information about what to do if things changed.",
            "Leaders had reduced the number of people waiting by {pct}% over the year to {month}.",
            "People told us they were kept informed while they waited, and [knew who to call|received a letter explaining the next steps|were offered interim support].",
            "{source} described a [well-organised|carefully managed|closely monitored] waiting list, with urgent cases [prioritised every day|escalated to a senior manager|picked up by a duty worker].",
        ),
        poor=(
            "At the time of our assessment {waitlist} people were waiting for a Care Act assessment, and the longest wait was over {weeks_long} weeks.",
            "The median wait for an assessment was {wait_weeks} weeks, and {source} told us people's needs sometimes escalated while they waited.",
            "There was no consistent process to check on people while they waited, so [risks could go unnoticed|some people's circumstances changed without the council knowing].",
            "Waiting lists for occupational therapy assessments had grown by {pct}% since {month}, and people waited up to {weeks_long} weeks for a visit.",
            "In {month}, {n_big} reviews were overdue, and leaders acknowledged that the backlog would not be cleared for at least {months} months.",
            "People told us they had chased the council several times while waiting and did not know where they were in the queue.",
            "Waiting times were longest in {locality}, where some people waited more than {weeks_long} weeks.",
            "One [person|carer|family member] told us they had waited [several months|most of the winter|over a year] for an assessment, and their situation had [worsened|reached crisis point|become unsafe] in that time.",
            "{source} told us the waiting list was [a constant worry|their biggest concern|the main risk in the service], and that contact with people waiting was [patchy|infrequent|not recorded].",
        ),
        facts=(
            "The council's waiting list dashboard recorded {waitlist} people awaiting assessment and {n_big} awaiting review in {month}.",
            "Of those waiting, {pct_lo}% were rated as high priority and were allocated within {days} days.",
            "Waiting times were reported monthly to the adult social care management team and quarterly to scrutiny.",
            "In {month} the median wait from referral to the start of support was {weeks} weeks.",
        ),
    ),
    Topic(
        "finance",
        good=(
            "Financial assessments were completed in an average of {days} working days, and people said charging letters were [easy to follow|clear about what they would pay].",
            "People were told about charges before their support began, and a benefits advice check raised {money_k} in additional income for residents in {fy}.",
            "Eligibility decisions were made consistently, with a weekly panel providing quality assurance rather than [a budget gate|a barrier to support].",
            "The adult social care budget was balanced in {fy}, and savings plans were realistic and regularly monitored.",
            "Leaders had invested {money} in prevention and reablement, and could show how this reduced long-term costs.",
            "People told us staff explained [charges|their contribution|the financial assessment] clearly, and [forms were simple|help was offered with paperwork|decisions came quickly].",
            "{source} said eligibility decisions were [fair and consistent|well explained|made promptly], and people knew how to challenge them.",
        ),
        poor=(
            "Some people received their first invoice several months after their support began, and {source} told us this caused [distress|debt and anxiety].",
            "There was a backlog of {n_big} financial assessments in {month}, and the average wait had risen to {weeks} weeks.",
            "{source} told us funding panels focused on cost, and decisions were sometimes delayed by up to {weeks} weeks.",
            "The council's charging policy had not been reviewed since {year}, and information about disability-related expenditure was hard to find.",
            "The adult social care budget overspent by {money} in {fy}, and the council used reserves to balance it.",
            "Savings targets for adult social care had not been met for {few} years running.",
            "One [person|carer|family member] told us they [did not understand their bill|were charged for care they had not received|only learned about charges after support began], which caused [worry|financial hardship|distress].",
            "{source} told us funding decisions were [slow|inconsistent between teams|hard to explain to people], and several cases had gone to [a second panel|a senior manager|complaint] before being resolved.",
        ),
        facts=(
            "The council's net budget for adult social care in {fy} was {budget}, of which {pct}% was spent on long-term support.",
            "In {fy} the council carried out {n_big} financial assessments, and {pct}% of people were assessed as paying a contribution.",
            "Deferred payment agreements were offered to people who owned their home, and {n} were in place in {month}.",
            "Around {pct}% of the council's budget was spent on adult social care in {fy}.",
        ),
    ),
    Topic(
        "carers",
        good=(
            "Unpaid carers could refer themselves through the {carers_org}, and {carers_assessed} carers' assessments were completed in {fy}.",
            "Carers told us the {carers_org} was [warm and knowledgeable|a lifeline], and valued [the emergency card scheme|short breaks and peer groups|practical help with forms].",
            "Carers' assessments were completed in a median of {days} days, and {pct_hi}% of carers said they felt listened to.",
            "A carers' breaks fund of {money_k} gave {n_big} carers a one-off payment for a break of their choosing.",
            "One carer told us the {carers_org} had [helped them plan for emergencies|found them a regular break|put them in touch with other carers], and they felt [less alone|able to keep going|more confident].",
            "{source} said carers were [recognised as partners in care|involved in assessments|offered their own assessment as a matter of course].",
        ),
        poor=(
            "Carers told us they were not offered an assessment until they [reached crisis point|had been caring for years], and identification through GP practices was patchy.",
            "Only {pct_lo}% of carers known to the council had received an assessment in the last year, and {source} said the offer was [poorly understood|not well publicised].",
            "Respite options were limited, and carers described waits of up to {weeks} weeks for a planned break.",
            "Carers of people with dementia said they struggled to find information, and the carers' strategy had lapsed in {year}.",
            "Carers told us they felt [invisible|left to cope alone|exhausted], and that support was offered only when [they could no longer cope|the person they cared for went into hospital|they complained].",
            "{source} told us carers' assessments were [seen as a lower priority|often delayed|rarely reviewed], particularly in {locality}.",
        ),
        facts=(
            "The 2021 census estimated around {n_big} unpaid carers in the area, about {pct_lo}% of the population.",
            "The council commissioned the {carers_org} at a cost of {money_k} a year to provide information, assessments and support.",
            "Carers' needs were recorded on the {system} alongside the needs of the person they cared for.",
        ),
    ),
    Topic(
        "direct_payments",
        good=(
            "Around {dp_pct}% of people receiving long-term community support used a direct payment, [above|higher than] the regional average.",
            "A personal assistant register, launched in {month}, listed {n_big} self-employed personal assistants people could choose from.",
            "People using direct payments told us they had flexibility and control, and a support service helped with payroll and recruitment.",
            "One person told us their direct payment let them [employ a personal assistant they trusted|choose activities they enjoyed|arrange support around their work], and it had [changed their life|given them back control|made them more independent].",
        ),
        poor=(
            "Direct payment uptake had fallen to {dp_pct}%, and {source} told us people found the process [bureaucratic|slow|confusing].",
            "People said it took up to {weeks} weeks to set up a direct payment, and there were too few personal assistants in {locality}.",
            "Audits of direct payments focused on spending rather than outcomes, and some people felt [mistrusted|checked up on].",
            "People told us managing a direct payment was [stressful|time-consuming|harder than they expected], and support to [recruit personal assistants|manage payroll|resolve problems] was limited.",
        ),
        facts=(
            "In {month} {n_big} people received a direct payment, including {n} carers.",
            "Direct payments were managed through pre-paid cards for {pct}% of recipients.",
            "The council's direct payment policy was refreshed in {year} with input from the {forum}.",
        ),
    ),
    Topic(
        "advocacy",
        good=(
            "Independent advocacy was commissioned from a single provider, and referrals were usually picked up within {days} days.",
            "Staff understood when people were entitled to an advocate, and {pct_hi}% of safeguarding enquiries for people with substantial difficulty involved one.",
            "People told us their advocate helped them [say what they wanted|challenge decisions|understand their options].",
            "{source} told us advocates were [involved early|knowledgeable|well respected], and people who used them said they felt [heard|supported|more confident in meetings].",
        ),
        poor=(
            "There was a waiting list of {n} people for Care Act advocacy, and some assessments went ahead without an advocate present.",
            "{source} were not always clear when an advocate should be offered, and recording of the offer was inconsistent.",
            "The advocacy contract had not been reviewed since {year}, and demand had risen by {pct}% since then.",
            "People told us they had not been told about advocacy, and {source} said it was [rarely discussed|offered late|left to the person to ask for].",
        ),
        facts=(
            "The advocacy service received {n_big} referrals in {fy}, {pct}% of them under the Care Act.",
            "Advocacy was funded jointly by the council and the {icb}.",
        ),
    ),
    Topic(
        "information",
        good=(
            "Information and advice were available online, in libraries and through community navigators, and people said the [directory|website] was easy to use.",
            "The council rewrote {n} of its most-used leaflets with the {forum}, and all were available in easy read.",
            "Community navigators received {n_big} referrals in {fy}, helping people into [lunch clubs|walking groups|befriending schemes|benefits advice].",
            "Staff at {front_door} gave clear advice, and people told us they were [called back promptly|treated with patience|given practical next steps].",
            "People told us information was [clear|easy to find|available when they needed it], and they knew [where to go for advice|how to contact the council|what support was on offer].",
        ),
        poor=(
            "People told us information was [hard to find|out of date|written in jargon], and the online directory listed services that had closed.",
            "There was limited information for people who fund their own care, and {source} said self-funders often contacted the council only at crisis point.",
            "Information was not routinely available in accessible formats, and requests for easy read took up to {weeks} weeks.",
            "People who contacted {front_door} described long waits on the phone, with {pct}% of calls abandoned in {month}.",
            "One [person|carer|family member] told us they had found out about [available support|the carers' offer|direct payments] only by chance, from [a neighbour|a GP receptionist|a support group].",
        ),
        facts=(
            "The online directory had around {n_big} visits a month and listed {n_big2} local organisations.",
            "Information and advice were provided under the council's {strategy}.",
        ),
    ),
    Topic(
        "equality",
        good=(
            "The council used its equality data to identify that {group} were under-represented among people receiving support, and [funded outreach|commissioned community link workers] in response.",
            "Interpreting was [readily available|easy to arrange], with {n_big} interpreter bookings for adult social care in {fy}.",
            "Staff had completed training on cultural competence, and {source} gave examples of support adapted to people's [faith|language|culture].",
            "An equality impact assessment was completed for each major decision, including the recommissioning of [day services|homecare] in {year}.",
            "Community link workers from the {programme} helped {group} to get assessments and support they had not previously asked for.",
            "Monitoring data showed that people from different backgrounds received similar outcomes from reablement and assessment.",
            "{source} gave examples of support tailored to [people's faith|cultural needs|language needs|gender identity], such as [matching carers who spoke the same language|adapting meal times|arranging same-gender care].",
        ),
        poor=(
            "The council did not yet have a clear picture of how {group} experienced care and support, and equality data was incomplete for {pct}% of records.",
            "{source} told us that {group} faced barriers to accessing support, and there was no plan to address this.",
            "British Sign Language interpreters were hard to book at short notice, and deaf people told us they were sometimes asked to rely on family members.",
            "The equality, diversity and inclusion action plan was still in draft in {month}, and progress had not been reported to members.",
            "Staff had limited understanding of how to adapt their practice for {group}, and training was optional.",
            "Information about services was mostly in English, and there was little outreach to communities in {locality}.",
            "People from {group} told us services [did not understand their needs|felt hard to approach|were not designed with them in mind].",
        ),
        facts=(
            "Around {pct_lo}% of residents were from ethnic minority groups, with the largest communities living in {locality}.",
            "The council's equality objectives for {fy} included reducing differences in outcomes for {group}.",
            "In {locality} life expectancy was {few} years lower than the area average.",
            "The council's equality data showed that {pct_lo}% of people receiving support were from ethnic minority groups.",
        ),
    ),
    Topic(
        "coproduction",
        good=(
            "The {forum} brought people with lived experience into the design of services, and had {n2} active members.",
            "People with lived experience sat on the interview panel for senior appointments and co-wrote the {strategy}.",
            "{source} gave examples of co-production changing decisions, including [the redesign of day opportunities|a new carers' offer|the wording of assessment letters].",
            "People with lived experience were paid for their time, and the council had a clear co-production charter agreed in {year}.",
            "The {forum} reviewed the council's public information and helped to [rewrite|simplify] {n} letters and forms.",
            "Members of the {forum} told us they felt [respected|listened to|genuinely involved], and could point to [changes to letters|a redesigned service|new information for carers] that came from their work.",
        ),
        poor=(
            "Engagement was largely consultative, and members of the {forum} said they were asked for views after decisions had been made.",
            "The council recognised that co-production was at an early stage, and there was no budget to pay people for their time.",
            "{source} told us feedback was collected but people rarely heard what had changed as a result.",
            "The membership of the {forum} did not reflect the local population, and {group} were not represented.",
            "There was no clear way for people to influence commissioning decisions, and {source} said engagement felt like a box-ticking exercise.",
            "{source} told us people's voices were [heard too late|not always acted on|limited to surveys], and the same small group of people were asked every time.",
        ),
        facts=(
            "The {forum} met every {few} weeks and reported to the adult social care leadership team.",
            "In {fy} the council ran {n} co-production workshops involving {n_big} residents.",
            "The council's engagement team ran {n2} listening events across {locality} and {locality2} in {fy}.",
        ),
    ),
)
