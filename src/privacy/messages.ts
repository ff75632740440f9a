// What a participant is told about each kind of finding: what it looks like,
// what to do about it, and how to mark it reviewed if it identifies no one.

import { REVIEWED_MARKER } from './lines.js';

const REVIEW_HINT = `or, if it does not identify anyone, mark the line reviewed by adding ${REVIEWED_MARKER}`;

/** What matched, on one line for a message. */
const shown = (t: string) => t.replace(/\s+/g, ' ');

export const messages = {
  name: (t: string) =>
    `"${shown(t)}" is on your private names list; replace it with a pseudonym or initial, ${REVIEW_HINT}`,
  postcode: (t: string) =>
    `looks like a UK postcode (${t}); remove it or replace it with a general description of the area, ${REVIEW_HINT}`,
  dob: (t: string) =>
    `looks like a date of birth (${t}); remove it or replace it with an age, ${REVIEW_HINT}`,
  date: (t: string) =>
    `looks like a full date that could identify a child (e.g. a date of birth) (${t}); remove it or replace it with an age or a vaguer time such as a month and year, ${REVIEW_HINT}`,
  nhs: (t: string) =>
    `looks like an NHS number (${t}); remove it or replace it with a placeholder, ${REVIEW_HINT}`,
  ni: (t: string) =>
    `looks like a National Insurance number (${t}); remove it or replace it with a placeholder, ${REVIEW_HINT}`,
  phone: (t: string) =>
    `looks like a UK phone number (${t}); remove it or replace it with a placeholder, ${REVIEW_HINT}`,
  email: (t: string) =>
    `looks like an e-mail address (${t}); remove it or replace it with a placeholder such as name@example.org, ${REVIEW_HINT}`,
};
