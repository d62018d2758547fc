import { useId } from 'react';

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

interface ChoiceGroupProps<T extends string> {
  legend: string;
  name: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
  /** Shows the legend as a heading; otherwise it is for screen readers only (the section heading says it). */
  visibleLegend?: boolean;
}

/** A set of native radio buttons (so arrow keys and screen readers work as expected), drawn as a segmented list. */
export function ChoiceGroup<T extends string>({
  legend,
  name,
  value,
  choices,
  onChange,
  visibleLegend = false,
}: ChoiceGroupProps<T>) {
  const id = useId();
  return (
    <fieldset className="choice-group">
      <legend className={visibleLegend ? 'choice-group__legend--visible' : 'choice-group__legend'}>{legend}</legend>
      <div className="choice-group__options">
        {choices.map((choice) => {
          const inputId = `${id}-${choice.value}`;
          return (
            <label key={choice.value} className="choice" htmlFor={inputId}>
              <input
                id={inputId}
                type="radio"
                name={name}
                value={choice.value}
                checked={choice.value === value}
                onChange={() => onChange(choice.value)}
                aria-describedby={choice.hint ? `${inputId}-hint` : undefined}
              />
              <span className="choice__text">
                <span className="choice__label">{choice.label}</span>
                {choice.hint && (
                  <span className="choice__hint" id={`${inputId}-hint`}>
                    {choice.hint}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
