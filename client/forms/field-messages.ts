import type { z } from 'zod';

const number = (n: number | bigint) => Number(n).toLocaleString('en-US', { maximumFractionDigits: 8 });

/**
 * A zod issue of one form field in a trader's words, naming the field by its label
 * ("Fast EMA period must be at least 2", not "Too small: expected number to be >=2").
 * Refinements already carry a written message and keep it.
 */
export function fieldMessage(label: string, issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return `${label} must be ${issue.inclusive ? 'at least' : 'greater than'} ${number(issue.minimum)}`;
    case 'too_big':
      return `${label} must be ${issue.inclusive ? 'at most' : 'less than'} ${number(issue.maximum)}`;
    case 'invalid_type':
      return issue.expected === 'int' ? `${label} must be a whole number` : `${label} must be a number`;
    case 'invalid_value':
      return `${label} must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}
