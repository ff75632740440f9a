// Realistic sentences of reflective social-work writing, for measuring the
// identifying-details scan: ones that carry a detail of a child or family
// (each labelled with the family it belongs to and the form it is written
// in) and clean ones full of citations, statutes, dates, numbers and
// references. Every name, number and address here is fictional: phone
// numbers are from Ofcom's drama ranges, NHS numbers from the 999 test
// range, e-mail addresses at example domains.

import type { DetailKind } from '../../src/privacy/identifying.js';

/** The private names list the sentences are scanned with (private/names.txt's syntax). */
export const CORPUS_NAMES_LIST = `# Children and family in my case study (fictional)
Kezia Thornton-Blake
Tyler Mackenzie
Amira Haddad
Siobhán Gallagher
Jayden Okafor
Anne-Marie Kowalczyk
Dariusz Nowak
Rhiannon Pryce
Lily-Mae Sutton
"Grace Hall"
Will Hope
`;

export interface IdentifyingSentence {
  family: DetailKind;
  form: string;
  text: string;
}

export const identifying: IdentifyingSentence[] = [
  // Postcodes
  { family: 'postcode', form: 'standard', text: 'The family moved to a two-bedroom flat in BS3 4RG after the eviction.' },
  { family: 'postcode', form: 'no space', text: 'Nan lives at 14 Orchard Close, LS62QP, which is two buses from school.' },
  { family: 'postcode', form: 'lower case', text: 'mum gave the new address as 3 canal view, m14 5rf, at the review.' },
  { family: 'postcode', form: 'doubled space', text: 'The placement address (NE1  4ST) was in the court bundle I shared.' },
  { family: 'postcode', form: 'hyphen', text: 'Contact moved to the family centre near CF10-3NQ in the spring.' },
  { family: 'postcode', form: 'no-break space', text: 'He stayed with his uncle at PL4\u00a08AA for the summer holidays.' },
  { family: 'postcode', form: 'London sub-district', text: 'Her father now rents a room at SW1A 2AA, according to the police check.' },
  { family: 'postcode', form: 'in brackets after a street', text: 'The foster carers (Elm Road, E1 6AN) have offered a long-term home.' },
  { family: 'postcode', form: 'spaced hyphen', text: 'The grandparents live at B15 - 2TT, a short walk from the school.' },
  { family: 'postcode', form: 'table cell', text: '| Birth family home | L8 0SY | 2019-2022 |' },
  { family: 'postcode', form: 'end of sentence', text: 'The children were removed from the house at G12 8QQ.' },
  { family: 'postcode', form: 'three-letter outward', text: 'The maternal aunt offered to care for both boys at her home in EH10 5HF.' },

  // NHS numbers
  { family: 'nhs-number', form: '3-3-4 spaced', text: "The baby's NHS number, 999 100 0003, was on the discharge letter I copied." },
  { family: 'nhs-number', form: 'run together', text: 'Health visitor notes list NHS 9991158383 for the younger child.' },
  { family: 'nhs-number', form: 'dashes', text: 'I wrote the NHS number 999-123-7577 on the referral form.' },
  { family: 'nhs-number', form: 'dots', text: 'GP letter ref 999.131.6760 for the middle sibling.' },
  { family: 'nhs-number', form: 'doubled spaces', text: 'NHS no.  999  139  5954 appears on the CAMHS report.' },
  { family: 'nhs-number', form: '4-3-3 grouping', text: 'His NHS number (9991 475 141) was needed for the therapy referral.' },
  { family: 'nhs-number', form: '5-5 grouping', text: 'The paediatrician quoted 99915 54335 in her report.' },
  { family: 'nhs-number', form: 'label without a space', text: 'The hospital passport read NHS:9991633529 under her photo.' },
  { family: 'nhs-number', form: 'label run into it', text: 'Discharge summary, NHSno9991712712, was attached to the strategy minutes.' },
  { family: 'nhs-number', form: 'table cell', text: '| NHS number | 999 179 1906 |' },
  { family: 'nhs-number', form: 'after a hash', text: 'Health assessment for child #9991871098 was overdue.' },
  { family: 'nhs-number', form: 'dash groups 2-4-4', text: 'The LAC health form had 99-9195-0281 in the NHS box.' },

  // National Insurance numbers
  { family: 'ni-number', form: 'spaced pairs', text: "Mum's National Insurance number is AB 12 34 56 C, which the benefits adviser needed." },
  { family: 'ni-number', form: 'run together', text: 'The special guardian gave NI AB123456C for the allowance claim.' },
  { family: 'ni-number', form: 'lower case', text: 'dad wrote his ni number as ce654321b on the form.' },
  { family: 'ni-number', form: 'hyphens', text: 'The kinship assessment records NI JG-10-37-59-A for the aunt.' },
  { family: 'ni-number', form: 'threes', text: 'His NI number (TS 987 654 B) was on the payslip he showed me.' },
  { family: 'ni-number', form: 'lower case spaced', text: 'grandad read out his number, pw 65 43 21 d, over the phone.' },
  { family: 'ni-number', form: 'after NINO', text: 'NINO: HR 44 55 66 A (maternal grandmother).' },
  { family: 'ni-number', form: 'without suffix after a cue', text: 'The carer gave her National Insurance number as JT 12 34 56.' },
  { family: 'ni-number', form: 'dots', text: 'The connected person assessment lists NI no. KL.11.22.33.C.' },
  { family: 'ni-number', form: 'mixed spacing', text: 'Uncle’s NI number AB12 34 56C was on the DBS form.' },

  // Phone numbers
  { family: 'phone', form: 'mobile spaced', text: "Mum's new mobile is 07700 900123, and she prefers texts." },
  { family: 'phone', form: 'mobile run together', text: 'I rang the foster carer on 07700900457 after the contact.' },
  { family: 'phone', form: '+44', text: 'Dad texted from +44 7700 900982 while he was working away.' },
  { family: 'phone', form: '0044', text: 'Her grandmother in Spain gave 0044 7700 900321 as the family number.' },
  { family: 'phone', form: '00 44 spaced', text: 'The uncle called from abroad on 00 44 161 496 0555.' },
  { family: 'phone', form: 'dots', text: 'The landline at Nan’s house is 0161.496.0731.' },
  { family: 'phone', form: 'mobile dots', text: 'Text the carer on 07700.900.614 to arrange the visit.' },
  { family: 'phone', form: 'London', text: 'The aunt’s work number is 020 7946 0123.' },
  { family: 'phone', form: 'bracketed area code', text: 'Her home number, (0117) 496 0802, is on the referral.' },
  { family: 'phone', form: '+44 (0)', text: 'The father gave +44 (0)113 496 0219 as a contact number.' },
  { family: 'phone', form: 'dashes', text: 'Call the grandparents on 0113-496-0990 before 6pm.' },
  { family: 'phone', form: 'mobile 5-3-3', text: 'The older sister’s mobile is 07700 900 765.' },
  { family: 'phone', form: 'label without a space', text: 'Tel:07700900111 (mum), written on the back of the plan.' },
  { family: 'phone', form: 'doubled space', text: 'mob 07700  900222 for the special guardian.' },

  // E-mail addresses
  { family: 'email', form: 'standard', text: 'Mum e-mailed me from kezia.tb@example.org to ask about contact.' },
  { family: 'email', form: 'upper case', text: 'The carer’s address is JAYDEN.OKAFOR.FAMILY@EXAMPLE.COM.' },
  { family: 'email', form: 'at and dot words', text: 'She signs her messages sam.jones at example dot org.' },
  { family: 'email', form: '(at) (dot)', text: 'His address is tyler (at) example (dot) org, he said.' },
  { family: 'email', form: '[at] [dot]', text: 'Reply to amira[at]example[dot]co[dot]uk with the minutes.' },
  { family: 'email', form: 'spaces around @', text: 'Dad’s e-mail is d.nowak @ example.com, but he rarely reads it.' },
  { family: 'email', form: 'space before @', text: 'The aunt wrote from rhiannon @example.net last week.' },
  { family: 'email', form: 'accented local part', text: 'The birth mother’s address is zoë.müller@example.de.' },
  { family: 'email', form: 'accented Irish name', text: 'I copied siobhán.g@example.ie into the e-mail by mistake.' },
  { family: 'email', form: 'word at with digits', text: 'Her old address was dariusz_nowak85 at example.com.' },
  { family: 'email', form: 'capital AT and DOT', text: 'Grandad’s e-mail is bill.s AT example DOT org.' },
  { family: 'email', form: '{at}', text: 'The foster carer uses tyler.mac{at}example.org for everything.' },
  { family: 'email', form: 'co.uk', text: 'The family’s shared address is mackenzie.family@example.co.uk.' },
  { family: 'email', form: 'markdown mailto link', text: 'I replied to [her e-mail](mailto:r.pryce@example.org) that day.' },
  { family: 'email', form: 'plus address', text: 'He set up l.sutton+school@example.com for the school.' },
  { family: 'email', form: 'spaced dot', text: 'The uncle gave his address as d.okafor at example . org on the form.' },
  { family: 'email', form: 'narrow no-break spaces around at', text: 'Her e-mail was mary.jones\u202fat\u202fexample.org, typed on a phone.' },

  // Dates of birth
  { family: 'date-of-birth', form: 'born, numeric', text: 'The youngest was born 15/04/2019, two weeks early.' },
  { family: 'date-of-birth', form: 'DOB dots', text: 'DOB: 03.05.2017 (eldest sibling).' },
  { family: 'date-of-birth', form: 'd.o.b. ordinal', text: 'The referral gave d.o.b. 3rd May 2016 for the middle child.' },
  { family: 'date-of-birth', form: 'date of birth ISO', text: 'Her date of birth, 2018-11-02, was wrong on the court order.' },
  { family: 'date-of-birth', form: 'apostrophe year', text: 'The baby was born on 14 Feb ’19 at the local hospital.' },
  { family: 'date-of-birth', form: 'apostrophe year, ordinal', text: "He was born 7th March '15, the year his parents separated." },
  { family: 'date-of-birth', form: 'eight digits DDMMYYYY', text: 'The form had DOB 03052019 in the child’s box.' },
  { family: 'date-of-birth', form: 'eight digits YYYYMMDD', text: 'Case file DOB:20170503 for the older boy.' },
  { family: 'date-of-birth', form: 'birthday without a year', text: 'Her birthday is 3 May, so we planned contact around it.' },
  { family: 'date-of-birth', form: 'birthday ordinal of month', text: 'He asked if he could see Nan on his birthday, the 12th of August.' },
  { family: 'date-of-birth', form: 'born on the nth of month', text: 'She was born on the 3rd of May, like her mum.' },
  { family: 'date-of-birth', form: 'age nearby', text: 'The older girl (aged 7) 15/06/2017 is settled at school.' },
  { family: 'date-of-birth', form: 'born with age', text: 'Now aged 4, he was born 22.01.2021 in a refuge.' },
  { family: 'date-of-birth', form: 'birth date dashes', text: 'Birth date 02-11-2014, according to the passport.' },
  { family: 'date-of-birth', form: 'uncued after a name', text: 'Amira, 03/05/2019, moved to her foster placement with her brother.' },
  { family: 'date-of-birth', form: 'table row', text: '| Jayden | 11/07/2012 | Year 8 |' },
  { family: 'date-of-birth', form: 'b. in brackets', text: 'The baby (b. 02/02/2024) is placed with her aunt.' },
  { family: 'date-of-birth', form: 'born, text date', text: 'She was born in the early hours of 1 January 2020.' },
  { family: 'date-of-birth', form: 'dob, two-digit year', text: 'Her dob was 5/6/18, which the school had as 6/5/18.' },
  { family: 'date-of-birth', form: 'American order', text: 'The US agency gave his date of birth as April 9, 2016.' },
  { family: 'date-of-birth', form: 'years old', text: 'The 6-year-old, 09/09/2018, has not seen his father since.' },
  { family: 'date-of-birth', form: 'birthday month first', text: 'We moved the review because his birthday is on May 21st.' },

  // Private names
  { family: 'name', form: 'full name', text: 'Kezia Thornton-Blake told me she wanted to stay at her school.' },
  { family: 'name', form: 'first name', text: 'When I visited, Tyler showed me his drawings.' },
  { family: 'name', form: 'surname alone', text: 'The Okafor children have lived with their aunt since the spring.' },
  { family: 'name', form: 'possessive', text: "Kezia's mum finds contact very hard." },
  { family: 'name', form: 'curly possessive', text: 'Jayden’s grandparents came to the meeting.' },
  { family: 'name', form: 'lower case', text: 'notes from my visit: amira seemed tired and withdrawn.' },
  { family: 'name', form: 'upper case', text: 'The court bundle has OKAFOR on every page header.' },
  { family: 'name', form: 'without its accent', text: 'Siobhan asked whether her sister could visit at weekends.' },
  { family: 'name', form: 'decomposed accent', text: 'Siobha\u0301n said very little at the looked-after review.' },
  { family: 'name', form: 'without the hyphen', text: 'Anne Marie came to the panel with her support worker.' },
  { family: 'name', form: 'hyphen run together', text: 'Annemarie was clear that she wanted to care for both children.' },
  { family: 'name', form: 'split by LF', text: 'At the end of the session\nAmira Haddad asked to see her brother.' },
  { family: 'name', form: 'full name split by LF', text: 'The assessment of Amira\nHaddad is due next month.' },
  { family: 'name', form: 'full name split by CRLF', text: 'I met Dariusz\r\nNowak at the contact centre.' },
  { family: 'name', form: 'full name split by CR', text: 'The social worker for Rhiannon\rPryce had changed twice.' },
  { family: 'name', form: 'hyphen at a line end', text: 'Kezia Thornton-\nBlake has been in four placements.' },
  { family: 'name', form: 'hyphenated first name part', text: 'Lily spoke about her nan’s garden.' },
  { family: 'name', form: 'full-only name whole', text: 'Grace Hall was the first carer to offer a home.' },
  { family: 'name', form: 'surname with family', text: 'The Mackenzie family have asked for the plan in writing.' },
  { family: 'name', form: 'part of a double surname', text: 'Mrs Blake attended the meeting with an advocate.' },
  { family: 'name', form: 'hyphenated first name, spaced', text: 'Lily Mae Sutton is settled with her special guardian.' },
  { family: 'name', form: 'surname in a list', text: 'Present: social worker, IRO, Mr Kowalczyk, foster carer.' },
  { family: 'name', form: 'non-breaking space', text: 'Dariusz\u00a0Nowak has asked for more contact.' },
  { family: 'name', form: 'quoted speech', text: '“I want to live with Rhiannon,” her brother said.' },
];

export const clean: string[] = [
  'In Re B-S (Children) [2013] EWCA Civ 1146 the court stressed that adoption is the last resort.',
  "Re B (Care Proceedings: Appeal) [2013] UKSC 33, judgment given on 12 June 2013, set the test of 'nothing else will do'.",
  'The Children and Families Act 2014 came into force on 22 April 2014 and brought in the 26-week limit.',
  'Section 31(2) of the Children Act 1989 sets out the threshold criteria.',
  'Under s.20 accommodation, parental responsibility stays with the parents (Children Act 1989, s.20(7)).',
  'I reread the chapter on decision-making timescales, pp. 45-67, before supervision.',
  'Thomas (2015), ISBN 978-1-84905-123-1, chapter 4, is on the reading list.',
  "ISBN 1843105659 is the older edition's number on the library record.",
  'The second edition (ISBN-10: 0-19-852663-6) has a new chapter on kinship care.',
  'Our team workshop on 14 March 2025 covered life story work with teenagers.',
  'The course day on 3 October 2024 ran from 09:30 to 16:30 in room 2.14.',
  'Published 12 January 2023, the review of children’s social care made 80 recommendations.',
  'The Public Law Outline guidance (last updated 1 April 2024) sets a 26-week timetable.',
  'The Adoption and Children Act 2002, s.52, sets out when consent can be dispensed with.',
  'Special guardianship orders rose by 12.5% between 2019 and 2023.',
  'The Adoption Support Fund pays up to £2,500 per child for specialist assessments.',
  'Supervision on 5 February 2025 focused on my use of analysis in court statements.',
  'Working Together to Safeguard Children 2023, paragraph 3.45, describes the lead practitioner role.',
  'Paragraph 2.3.1 of the handbook and page 123 set out the local authority’s duties.',
  'Week 12: 4,500 words, submitted by 17:00 on 28 November 2025.',
  'The Care Planning, Placement and Case Review (England) Regulations 2010, reg. 9, covers contact.',
  'The 2022 inspection graded the service good in 3 of 4 areas.',
  'I will ask my manager whether we may hope to see the plan agreed this month.',
  'Grace under pressure is something our manager models every day.',
  'The family centre hall was booked for the contact session.',
  'Between 1 April 2023 and 31 March 2024, 112 children in the authority left care through adoption.',
  'Re W (A Child) [2016] EWCA Civ 793 (28 July 2016) revisited the balancing exercise.',
  'Practice Direction 12A, para 3.1, sets out the stages of the PLO.',
  'The post is 0.5 FTE at band 6, £38,682 to £46,580 pro rata.',
  'Childline is on 0800 1111 if a young person needs to talk to someone.',
  'The NSPCC helpline, 0808 800 5000, is in the leaflet we give carers.',
  "The council's switchboard, 0300 123 4567, is open until 5pm.",
  'Most referrals led to section 17 assessments rather than section 47 enquiries.',
  'In 2017 my team began using family group conferences much earlier.',
  'SI 2014/1245 amended the regulations on contact for looked-after children.',
  'The Munro Review of Child Protection (2011), Cm 8062, argued for less procedure.',
  "Masson (2008) 'The state as parent', Journal of Social Welfare and Family Law, 30(3), pp. 221-232.",
  'The article is at doi:10.1080/09649069.2015.1121621 if you want the full text.',
  'See https://www.gov.uk/government/publications/working-together-to-safeguard-children--2 for the 2023 edition.',
  'Department for Education (2023) Stable Homes, Built on Love (Accessed: 3 May 2024).',
  'The judgment was handed down on 9 November 2022 and reported the following spring.',
  'The Act received Royal Assent on 13 March 2014.',
  'The final hearing is listed for 3 June 2025 at 10:00, with a time estimate of 3 days.',
  'Module 2 runs from 6 January 2025 to 28 February 2025.',
  'My caseload rose from 14 to 19 children in six months, a 36% increase.',
  'The ratio of social workers to children was 1:25 in 2021/22.',
  'Rose and Philpot (2005), The Child’s Own Story, ISBN 9781526426710, shaped my life story work.',
  'Version 1.2.3 of the template, updated 2024-09-01, adds a section on sibling contact.',
  'Year 6 results: 72% of looked-after children reached the expected standard.',
  'I met the independent reviewing officer on 14/10/2024 to discuss the plan.',
  'Reflective log, 02/12/2024: I noticed I was rushing the analysis section.',
  'The placement order was made on 2 March 2022 after a contested hearing.',
  'Care proceedings in 2023/24 lasted 45 weeks on average, against the 26-week limit.',
  'Re H (Minors) [1996] AC 563 sets the standard of proof; Re B [2008] UKHL 35 confirmed it.',
  'Contact is twice a week for 1.5 hours, reviewed every 6 weeks.',
  'I used the Signs of Safety framework (Turnell and Edwards, 1999), pp. 12-19.',
  'The session is in room G12 on the 2nd floor of the civic centre.',
  'The statutory guidance on adoption (July 2013), chapter 4, covers matching.',
  'On 1 April 2024 the kinship allowance pilot began in 8 local authorities.',
  'Our local offer lists 23 kinship support groups across 4 districts.',
  'I will write 500 words a week for 28 weeks, about 14,000 in all.',
  'Since September 2021 I have supervised 3 newly qualified social workers.',
  'The 2014 Act, section 8, changed the approach to contact for children in care.',
  'My appraisal on 18.06.2024 set three goals for this programme.',
  'Webinar recording, 21 May 2024, 45 minutes, on trauma-informed practice.',
  'Family Justice Review, final report (November 2011), para 3.45.',
  'The looked-after review is due on 12/09/2025, six months after the last.',
  'Look at the guidance at gov.uk for the latest figures on adoption.',
  'Kinship carers were paid £200 a week, 15% more than in 2020.',
  'Adoption fell from 5,360 in 2015 to 2,950 in 2023, a drop of 45%.',
  'At the 20 week review we agreed the plan; the next is at 26 weeks.',
  'The CAFCASS analysis (para 47, page 12) supported the plan for long-term fostering.',
  'I attended the regional adoption agency’s panel training on 10-11 October 2024.',
  'The 1989 Act’s welfare checklist in s.1(3) guided my analysis.',
  'Deadline: 31/01/2026 for the module 3 reflective account.',
  'Table 2 shows 1,240 referrals, 310 assessments and 42 care applications in Q3 2024.',
];
