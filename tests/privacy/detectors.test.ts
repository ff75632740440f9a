// Table tests per family: the forms each detector must find, and the
// near-misses it must leave alone.
import { describe, expect, it } from 'vitest';
import {
  findIdentifyingDetails,
  isDistinctivePart,
  NAMES_LIST_TEMPLATE,
  parseNamesList,
  REVIEWED_MARKER,
  splitLines,
  templateLineSet,
  type DetailKind,
  type FindOptions,
} from '../../src/privacy/identifying.js';

const found = (text: string, options?: FindOptions) => findIdentifyingDetails(text, options).map((f) => [f.kind, f.text]);

/** Each [sentence, the text it must report] is reported as exactly that, of that kind; each negative is reported as nothing. */
function table(kind: DetailKind, positives: [string, string][], negatives: string[], options?: FindOptions) {
  it.each(positives)('finds %j', (text, expected) => {
    expect(found(text, options)).toEqual([[kind, expected]]);
  });
  it.each(negatives.map((n) => [n]))('leaves %j alone', (text) => {
    expect(found(text, options)).toEqual([]);
  });
}

describe('postcodes', () => {
  table(
    'postcode',
    [
      ['Moved to BS1 4DJ last year.', 'BS1 4DJ'],
      ['Moved to BS1  4DJ last year.', 'BS1  4DJ'],
      ['Moved to BS1-4DJ last year.', 'BS1-4DJ'],
      ['Moved to BS1 - 4DJ last year.', 'BS1 - 4DJ'],
      ['Moved to BS1\u00a04DJ last year.', 'BS1\u00a04DJ'],
      ['Moved to BS1\u202f4DJ last year.', 'BS1\u202f4DJ'],
      ['moved to bs1 4dj', 'bs1 4dj'],
      ['(EC1A1BB)', 'EC1A1BB'],
      ['GIR 0AA', 'GIR 0AA'],
    ],
    ['Room B12, 3rd floor', 'KS2 4th', 'Y6-2nd', 'M25 9am', 'BS1 4CI', 'QS1 4DJ', 'BS1    4DJ', 'BS1--4DJ', 'BS14DJX'],
  );
});

describe('NHS numbers (the modulus 11 check, any grouping)', () => {
  table(
    'nhs-number',
    [
      ['NHS 999 100 0003', '999 100 0003'],
      ['NHS 9991000003', '9991000003'],
      ['NHS 999-100-0003', '999-100-0003'],
      ['NHS 999.100.0003', '999.100.0003'],
      ['NHS 999  100  0003', '999  100  0003'],
      ['NHS 9991 000 003', '9991 000 003'],
      ['NHS 99910 00003', '99910 00003'],
      ['NHS:9991000003', '9991000003'],
      ['NHSno9991000003', '9991000003'],
    ],
    [
      'NHS 999 100 0004', // fails the check digit
      '99910000031', // part of a longer number
      '999 100 0003 12',
      '999 100-0003', // separators mixed
      '9 9 9 1 0 0 0 0 0 3', // single digits are not a grouping
      'ISBN 1843105659', // an ISBN-10 shares the check digit rule
      'ISBN-10: 1-84310-565-9',
      'ISBN 978-1-84905-123-1',
    ],
  );
});

describe('National Insurance numbers', () => {
  table(
    'ni-number',
    [
      ['NI AB 12 34 56 C', 'AB 12 34 56 C'],
      ['NI AB123456C', 'AB123456C'],
      ['ni ab123456c', 'ab123456c'],
      ['NI AB-12-34-56-C', 'AB-12-34-56-C'],
      ['NI AB.12.34.56.C', 'AB.12.34.56.C'],
      ['NI AB 123 456 C', 'AB 123 456 C'],
      ['National Insurance number JT 12 34 56', 'JT 12 34 56'],
      ['NINO: HR445566A', 'HR445566A'],
    ],
    ['AB 12 34 56', 'DA123456A', 'AO123456A', 'GB123456A', 'AB123456E', 'AB12345C', 'XAB123456C', 'ZZ 12 34 56 A'],
  );
});

describe('phone numbers', () => {
  table(
    'phone',
    [
      ['Call 07700 900123.', '07700 900123'],
      ['Call 07700900123.', '07700900123'],
      ['Call +44 7700 900123.', '+44 7700 900123'],
      ['Call 0044 7700 900123.', '0044 7700 900123'],
      ['Call 00 44 7700 900123.', '00 44 7700 900123'],
      ['Call (+44) 7700 900123.', '(+44) 7700 900123'],
      ['Call +44 (0)20 7946 0958.', '+44 (0)20 7946 0958'],
      ['Call 0161.496.0000.', '0161.496.0000'],
      ['Call 07700.900.123.', '07700.900.123'],
      ['Call 0161  496  0000.', '0161  496  0000'],
      ['Call (01632) 960 001.', '(01632) 960 001'],
      ['Tel:07700900123', '07700900123'],
    ],
    ['0800 1111', '0808 800 5000', '0300 123 4567', '0044 800 123456', '+33 1 23 45 67 89', '0033 1 23 45 67 89', '£0.50', '0930-1700', '1.07700900123'],
  );
});

describe('e-mail addresses', () => {
  table(
    'email',
    [
      ['jo@example.org', 'jo@example.org'],
      ['JO.SMITH@EXAMPLE.CO.UK', 'JO.SMITH@EXAMPLE.CO.UK'],
      ['write to jo @ example.org', 'jo @ example.org'],
      ['write to jo @example.org', 'jo @example.org'],
      ['sam.jones at example dot org', 'sam.jones at example dot org'],
      ['sam dot jones at example dot org', 'sam dot jones at example dot org'],
      ['sam (at) example (dot) org', 'sam (at) example (dot) org'],
      ['sam[at]example[dot]co[dot]uk', 'sam[at]example[dot]co[dot]uk'],
      ['sam {at} example {dot} org', 'sam {at} example {dot} org'],
      ['sam AT example DOT org', 'sam AT example DOT org'],
      ['sam_85 at example.com', 'sam_85 at example.com'],
      ['her e-mail is sam at example.com', 'sam at example.com'],
      ['zoë.müller@exämple.de', 'zoë.müller@exämple.de'],
      ['d.okafor at example . org', 'd.okafor at example . org'],
    ],
    [
      'I looked at gov.uk for the guidance.',
      'The guidance is at www.gov.uk today.',
      'We met at the family centre dot to dot.',
      'at example dot org',
      '@someone',
      'name@localhost',
      'me@example.c',
    ],
  );
});

describe('dates of birth', () => {
  table(
    'date-of-birth',
    [
      ['born 15/04/2019', '15/04/2019'],
      ['DOB: 15.04.2019', '15.04.2019'],
      ['d.o.b. 3rd May 2016', '3rd May 2016'],
      ['date of birth 2018-11-02', '2018-11-02'],
      ["born 14 Feb '19", "14 Feb '19"],
      ['born 7th March ’15', '7th March ’15'],
      ['DOB 03052019', '03052019'],
      ['DOB:20170503', '20170503'],
      ['dob 5/6/18', '5/6/18'],
      ['her birthday is 3 May', '3 May'],
      ['his birthday, the 12th of August', '12th of August'],
      ['her birthday is on May 21st', 'May 21st'],
      ['(b. 02/02/2024)', '02/02/2024'],
      ['(aged 7) 15/06/2017', '15/06/2017'],
      ['the 6-year-old, 09/09/2018, is settled', '09/09/2018'],
      ['Amira, 03/05/2019, moved', '03/05/2019'],
      ['| Jayden | 11/07/2012 |', '11/07/2012'],
      ['born 3 March 1968', '3 March 1968'],
    ],
    [
      'Re B-S (Children) [2013] EWCA Civ 1146, judgment of 16 September 2013.',
      'Re W (A Child) [2016] EWCA Civ 793 (28 July 2016).',
      'The Act came into force on 22 April 2014.',
      '22 April 2014, when the Act came into force, changed practice.',
      'Published 12 January 2023.',
      '(Accessed: 3 May 2024)',
      'Our workshop 14 March 2025 covered life story work.',
      'The course day on 3 October 2024.',
      'Supervision on 5 February 2025.',
      'Reflective log, 02/12/2024: I noticed',
      '12/03/2024: supervision notes',
      'start_date: 2026-03-02',
      'The review is due 12/09/2025.',
      '03052019', // eight digits need a birth cue
      '3 May', // a day and month need a birth cue
      '15/04/19', // so does a two-digit year
      'born in March 3 years ago',
      'the 1990s, April 2019, in 2017',
    ],
  );
});

describe('names', () => {
  const { names } = parseNamesList(
    'Kezia Thornton-Blake\nSiobhán Ó Gallagher\n"Grace Hall"\nWill Hope\nAnne-Marie Kowalczyk\nJo Li\nO’Brien\n',
  );
  table(
    'name',
    [
      ['Kezia Thornton-Blake came.', 'Kezia Thornton-Blake'],
      ['KEZIA THORNTON-BLAKE came.', 'KEZIA THORNTON-BLAKE'],
      ['Kezia Thornton Blake came.', 'Kezia Thornton Blake'],
      ['Kezia ThorntonBlake came.', 'Kezia ThorntonBlake'],
      ['Kezia\nThornton-Blake came.', 'Kezia\nThornton-Blake'],
      ['Kezia\r\nThornton-Blake came.', 'Kezia\r\nThornton-Blake'],
      ['Kezia\rThornton-Blake came.', 'Kezia\rThornton-Blake'],
      ['Kezia Thornton-\nBlake came.', 'Kezia Thornton-\nBlake'],
      ['> Kezia\n> Thornton-Blake came.', 'Kezia\n> Thornton-Blake'],
      ["Kezia's plan", 'Kezia'],
      ['Kezia’s plan', 'Kezia'],
      ['The Thornton-Blake family', 'Thornton-Blake'],
      ['Mr Blake came', 'Blake'],
      ['Siobhan came', 'Siobhan'],
      ['Siobha\u0301n came', 'Siobha\u0301n'],
      ['SIOBHÁN came', 'SIOBHÁN'],
      ['Ms Gallagher came', 'Gallagher'],
      ['Grace Hall came', 'Grace Hall'],
      ['Will Hope came', 'Will Hope'],
      ['Annemarie came', 'Annemarie'],
      ['Anne Marie came', 'Anne Marie'],
      ['Marie came', 'Marie'],
      ['Jo Li came', 'Jo Li'],
      ['OBrien came', 'OBrien'],
      ["O'Brien came", "O'Brien"],
    ],
    [
      'Grace under pressure.', // "Grace Hall" is in quotes: whole name only
      'The hall was booked.',
      'I will hope for the best.', // everyday words are not looked for on their own, nor a name of them without capitals
      'Will it rain? Hope so.',
      'Jo said; Li said.', // parts under three letters are not looked for on their own
      'Kezias and Blakeley', // whole words only
      'Ó said nothing.', // a one-letter part
    ],
    { names },
  );

  it('reads the list: quotes for full names only, any line ending, duplicates ignoring accents', () => {
    const { names: read } = parseNamesList('Zoë Ward\r"Grace Hall"\r\nzoe ward\n“Amy Field”\nAmy Field\n');
    expect(read).toEqual(['Zoë Ward', '"Grace Hall"', '"Amy Field"']);
  });

  it('decides which parts are distinctive', () => {
    expect(['Kezia', 'Thornton', 'Blake', 'Łukasz', 'Okafor'].filter(isDistinctivePart)).toHaveLength(5);
    expect(['Will', 'May', 'Rose', 'Hall', 'Jo', 'Li', 'van', 'Mrs', 'de'].filter(isDistinctivePart)).toEqual([]);
  });

  it('documents the syntax in the list template, which parses to no names', () => {
    expect(NAMES_LIST_TEMPLATE).toContain('double quotes');
    expect(parseNamesList(NAMES_LIST_TEMPLATE)).toEqual({ names: [], problems: [] });
  });
});

describe('lines', () => {
  it('splits at LF, CRLF and CR alike', () => {
    expect(splitLines('a\nb\r\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
    const text = 'one\rborn 15/04/2019\r\nthree\nNHS 999 100 0003';
    expect(findIdentifyingDetails(text).map((f) => [f.line, f.column])).toEqual([
      [2, 6],
      [4, 5],
    ]);
  });

  it('a reviewed marker covers its own line only, with CR line ends too', () => {
    const text = `Call 07700 900123 ${REVIEWED_MARKER}\rCall 07700 900124\r\rjo@example.org ${REVIEWED_MARKER}`;
    expect(findIdentifyingDetails(text).map((f) => [f.line, f.reviewed])).toEqual([
      [1, true],
      [2, false],
      [4, true],
    ]);
  });

  it('gives a name split across lines its end line and column, reviewed by a marker on either line', () => {
    const [f] = findIdentifyingDetails(`I met Amira\nHaddad ${REVIEWED_MARKER}`, { names: ['Amira Haddad'] });
    expect(f).toMatchObject({ line: 1, column: 7, endLine: 2, endColumn: 7, text: 'Amira\nHaddad', reviewed: true });
    expect(f?.message).toContain('"Amira Haddad"');
  });
});

describe('template lines', () => {
  const template = '## Task 1: Plan for 15/04/2019\n\n> Write to jo@example.org about BS1 4DJ\n';
  const templateLines = templateLineSet(template);

  it('are not looked at for patterns, written as the template has them but for white space', () => {
    const text = '## Task 1: Plan for 15/04/2019\r\n  > Write to jo@example.org about BS1 4DJ  \r\nKezia, 15/04/2019, moved.';
    expect(found(text, { templateLines })).toEqual([['date-of-birth', '15/04/2019']]);
    expect(findIdentifyingDetails(text, { templateLines })[0]?.line).toBe(3);
  });

  it('a changed line is looked at', () => {
    expect(found('> Write to jo@example.org about BS1 4DJ today', { templateLines })).toEqual([
      ['email', 'jo@example.org'],
      ['postcode', 'BS1 4DJ'],
    ]);
  });

  it('still have names looked for', () => {
    expect(found('## Task 1: Kezia', { templateLines: templateLineSet('## Task 1: Kezia'), names: ['Kezia'] })).toEqual([['name', 'Kezia']]);
  });
});
