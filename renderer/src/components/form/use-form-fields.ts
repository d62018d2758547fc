import { useId, type ChangeEvent } from 'react';
import { describedBy } from './Field';

/**
 * The plumbing every form shares: an id per field, the words for a field's problem, the props that
 * tie an input to its label, hint and error (aria-invalid, aria-describedby), and focus on the
 * first field that needs fixing. `problems` holds a problem key per field; `words` turns a key
 * into plain words in the current language.
 */
export function useFormFields<F extends string>(options: {
  problems: Partial<Record<F, string>>;
  words: (problem: string) => string;
  /** The fields in the order the form shows them, for "the first one that needs fixing". */
  order: readonly F[];
}) {
  const formId = useId();
  const fieldId = (field: F) => `${formId}-${field}`;
  const problem = (field: F): string | undefined => {
    const key = options.problems[field];
    return key ? options.words(key) : undefined;
  };
  /** Spread onto the input inside the field's <Field>. `hint`: whether the Field shows one. */
  const inputProps = (field: F, value: string, onChange: (value: string) => void, hint = true) => ({
    id: fieldId(field),
    name: field,
    value,
    'aria-invalid': options.problems[field] ? true : undefined,
    'aria-describedby': describedBy(fieldId(field), hint, problem(field)),
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(event.target.value),
  });
  const focusFirst = (found: Partial<Record<F, unknown>>) => {
    const first = options.order.find((field) => found[field]);
    if (first) requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
  };
  return {
    formId,
    fieldId,
    problem,
    inputProps,
    focusFirst,
    problemCount: Object.keys(options.problems).length,
  };
}
