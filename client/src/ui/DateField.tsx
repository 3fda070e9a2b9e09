import { format, isValid, parse, parseISO } from 'date-fns';
import { ru } from 'date-fns/locale/ru';
import { useId, useState, type ReactNode } from 'react';
import DatePicker from 'react-datepicker';
import 'react-datepicker/dist/react-datepicker.css';
import { Frame, described } from './fields';

/** How a date is typed and shown, whatever the browser's language. */
export const DATE_FORMAT = 'dd.MM.yyyy';
const INVALID_TEXT = 'Введите дату в виде ДД.ММ.ГГГГ';

/** "14.03.1961" → "1961-03-14"; null when the text is no such date (31.02, 1.3.61, letters). */
export function isoFromTyped(text: string): string | null {
  if (!/^\d{2}\.\d{2}\.\d{4}$/.test(text.trim())) return null;
  const date = parse(text.trim(), DATE_FORMAT, new Date(2000, 0, 1));
  return isValid(date) ? format(date, 'yyyy-MM-dd') : null;
}

interface DateFieldProps {
  label: string;
  /** The date as the API carries it, ГГГГ-ММ-ДД, or '' when none. */
  value: string;
  onChange(value: string): void;
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  onBlur?(): void;
}

/**
 * A date typed or picked as ДД.ММ.ГГГГ with a Russian calendar, never the browser's own format; the
 * form keeps ГГГГ-ММ-ДД. Text that is no date is said at the field and sent as no date at all.
 */
export function DateField({ label, value, onChange, error, hint, required, disabled, onBlur }: DateFieldProps) {
  const id = useId();
  const [typed, setTyped] = useState<string | null>(null);
  const typedProblem = typed && typed.trim() && !isoFromTyped(typed) ? INVALID_TEXT : null;
  const shown = typedProblem ?? error;
  const selected = value ? parseISO(value) : null;
  return (
    <Frame id={id} label={label} error={shown} hint={hint}>
      <DatePicker
        id={id}
        locale={ru}
        dateFormat={DATE_FORMAT}
        placeholderText="ДД.ММ.ГГГГ"
        selected={selected && isValid(selected) ? selected : null}
        strictParsing
        // Typing is the way in; the calendar opens from its icon (or a click), never over the next field.
        preventOpenOnFocus
        showIcon
        toggleCalendarOnIconClick
        showMonthDropdown
        showYearDropdown
        dropdownMode="select"
        autoComplete="off"
        onBlur={() => onBlur?.()}
        required={required}
        disabled={disabled}
        ariaInvalid={shown ? 'true' : undefined}
        ariaDescribedBy={described(id, shown, hint)}
        onChangeRaw={(event) => {
          const text = (event?.target as HTMLInputElement | undefined)?.value;
          if (text === undefined) return;
          setTyped(text);
          onChange(text.trim() ? (isoFromTyped(text) ?? '') : '');
        }}
        onChange={(date: Date | null) => {
          setTyped(null);
          onChange(date ? format(date, 'yyyy-MM-dd') : '');
        }}
      />
    </Frame>
  );
}
