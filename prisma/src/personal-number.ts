// Lives with the database package because the demo seed and the children module must both
// make and check numbers the same way (as credentials.ts does for password hashes).
import type { Sex } from './client.js';

/**
 * Vietnam's 12-digit personal identification number (số định danh cá nhân, printed on the
 * CCCD card): 3 digits for the province where the birth was registered, 1 for century and
 * sex, 2 for the year of birth, 6 random. The province codes are the 63 of Circular
 * 07/2016/TT-BCA; the 2025 merger of provinces did not renumber people.
 */
const PROVINCE_CODES = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

/**
 * Numbers under province code 000 belong to nobody (no province has that code): demo and
 * test data use them so a synthetic child can never be mistaken for a real one. Production
 * refuses them.
 */
export const SYNTHETIC_PROVINCE = '000';
const acceptSynthetic = () => process.env.NODE_ENV !== 'production';

export type PersonalNumberProblem = 'FORMAT' | 'PROVINCE' | 'BIRTH_DATE' | 'SEX';

/** The 4th digit: even for males, odd for females, from 0/1 for the 1900s up to 8/9 for the 2200s. */
export function centuryDigit(birthYear: number, sex: Sex): number {
  return (Math.floor(birthYear / 100) - 19) * 2 + (sex === 'FEMALE' ? 1 : 0);
}

/**
 * What is wrong with a number for a person born on `birthDate` with `sex`, or null when it
 * is consistent. The check never says what the number should have been.
 */
export function personalNumberProblem(number: string, birthDate: Date, sex: Sex): PersonalNumberProblem | null {
  if (!/^\d{12}$/.test(number)) return 'FORMAT';
  const province = number.slice(0, 3);
  if (!PROVINCE_CODES.has(province) && !(province === SYNTHETIC_PROVINCE && acceptSynthetic())) return 'PROVINCE';
  const year = birthDate.getUTCFullYear();
  const digit = Number(number[3]);
  if (Math.floor(digit / 2) !== Math.floor(centuryDigit(year, sex) / 2) || number.slice(4, 6) !== String(year % 100).padStart(2, '0')) {
    return 'BIRTH_DATE';
  }
  if (digit % 2 !== (sex === 'FEMALE' ? 1 : 0)) return 'SEX';
  return null;
}

/** A synthetic number (province 000) for demo and test data: consistent with birth year and sex. */
export function syntheticPersonalNumber(birthDate: Date, sex: Sex, serial: number): string {
  const year = birthDate.getUTCFullYear();
  return `${SYNTHETIC_PROVINCE}${centuryDigit(year, sex)}${String(year % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}
