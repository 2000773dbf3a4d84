/**
 * The whole questionnaire as a printable document (no SurveyJS renderer, no
 * PDF library): every page and question in order, numbered, with the
 * branching written in words ("Om du svarade ”Ja” på fråga 5: …") so that a
 * paper respondent can follow it. Loaded lazily (it uses survey-core's
 * expression parser).
 */
import type { ReactNode } from 'react';
import { textFor } from '../../../domain/localized-text';
import { sanitizeTemplateHtml } from '../../../domain/templates/sanitize-html';
import { conditionText, type PrintedQuestion } from './condition-text';
import { choicesOf, NOT_QUESTIONS, numberQuestions } from './question-numbers';

type Json = Record<string, unknown>;

function Condition({ expression, questions, kind }: { expression: unknown; questions: ReadonlyMap<string, PrintedQuestion>; kind: string }) {
  if (typeof expression !== 'string' || expression.trim() === '') return null;
  const words = conditionText(expression, questions);
  return (
    <p className="print-condition" data-testid="print-condition">
      {words ? (
        <>
          <span aria-hidden="true">→ </span>Om {words}: besvara {kind}. Annars hoppar du över {kind === 'den här frågan' ? 'den' : 'dem'}.
        </>
      ) : (
        <>Besvara {kind} bara om följande gäller: <code>{expression}</code></>
      )}
    </p>
  );
}

function Box({ round = false }: { round?: boolean }) {
  return <span className={round ? 'print-box print-round' : 'print-box'} aria-hidden="true" />;
}

function QuestionBody({ question, locale }: { question: Json; locale: string }): ReactNode {
  const type = String(question.type);
  const choices = choicesOf(question, locale);
  switch (type) {
    case 'radiogroup':
    case 'dropdown':
    case 'checkbox':
    case 'tagbox':
    case 'ranking': {
      const multiple = type === 'checkbox' || type === 'tagbox';
      return (
        <>
          <p className="print-instruction">{multiple ? 'Kryssa i alla som stämmer.' : 'Kryssa i ett alternativ.'}</p>
          <ul className="print-choices">
            {choices.map((choice) => (
              <li key={String(choice.value)}>
                <Box round={!multiple} /> {choice.text}
                {choice.value === 'other' && <span className="print-line short" aria-hidden="true" />}
              </li>
            ))}
          </ul>
        </>
      );
    }
    case 'boolean':
      return (
        <ul className="print-choices inline">
          <li>
            <Box round /> {textFor(question.labelTrue, locale) || 'Ja'}
          </li>
          <li>
            <Box round /> {textFor(question.labelFalse, locale) || 'Nej'}
          </li>
        </ul>
      );
    case 'rating': {
      const values = Array.isArray(question.rateValues)
        ? (question.rateValues as unknown[]).map((v) => (typeof v === 'object' && v ? textFor((v as Json).text, locale) || String((v as Json).value) : String(v)))
        : Array.from({ length: (Number(question.rateMax ?? 5) - Number(question.rateMin ?? 1)) + 1 }, (_, i) => String(Number(question.rateMin ?? 1) + i));
      return (
        <ul className="print-choices inline">
          {values.map((v) => (
            <li key={v}>
              <Box round /> {v}
            </li>
          ))}
        </ul>
      );
    }
    case 'comment':
      return <span className="print-area" aria-hidden="true" />;
    case 'text':
      return question.inputType === 'number' ? (
        <p className="print-number">
          <span className="print-line number" aria-hidden="true" /> {question.name === 'alder' ? 'år' : ''}
        </p>
      ) : (
        <span className="print-line" aria-hidden="true" />
      );
    case 'matrix': {
      const columns = (Array.isArray(question.columns) ? question.columns : []).map((c) =>
        typeof c === 'object' && c ? textFor((c as Json).text, locale) || String((c as Json).value) : String(c),
      );
      const rows = (Array.isArray(question.rows) ? question.rows : []).map((r) =>
        typeof r === 'object' && r ? textFor((r as Json).text, locale) || String((r as Json).value) : String(r),
      );
      return (
        <table className="print-matrix">
          <thead>
            <tr>
              <td />
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r}>
                <th scope="row">{r}</th>
                {columns.map((c) => (
                  <td key={c}>
                    <Box round />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    default:
      return <p className="print-instruction">(Frågetypen ”{type}” kan inte skrivas ut. Den här frågan besvaras bara på webben.)</p>;
  }
}

function Elements({ elements, locale, questions }: { elements: unknown; locale: string; questions: ReturnType<typeof numberQuestions> }) {
  if (!Array.isArray(elements)) return null;
  return (
    <>
      {(elements as Json[]).map((element, index) => {
        const type = String(element.type ?? '');
        const key = String(element.name ?? index);
        if (type === 'html') {
          // Filtered to the allowed HTML again here (the stored template is filtered at save; older versions may not be).
          return <div key={key} className="print-html" dangerouslySetInnerHTML={{ __html: sanitizeTemplateHtml(textFor(element.html, locale)).html }} />;
        }
        if (type === 'panel') {
          return (
            <section key={key} className="print-panel">
              {element.title !== undefined && <h3>{textFor(element.title, locale)}</h3>}
              <Condition expression={element.visibleIf} questions={questions} kind="frågorna i den här delen" />
              {element.description !== undefined && <p className="print-description">{textFor(element.description, locale)}</p>}
              <Elements elements={element.elements} locale={locale} questions={questions} />
            </section>
          );
        }
        if (NOT_QUESTIONS.has(type)) return null;
        const numbered = questions.get(String(element.name));
        return (
          <div key={key} className="print-question" data-testid="print-question">
            <Condition expression={element.visibleIf} questions={questions} kind="den här frågan" />
            <p className="print-title">
              <span className="print-number-label">{numbered?.number}.</span> {textFor(element.title, locale) || String(element.name)}
            </p>
            {element.description !== undefined && <p className="print-description">{textFor(element.description, locale)}</p>}
            <QuestionBody question={element} locale={locale} />
          </div>
        );
      })}
    </>
  );
}

export function PrintableSurvey({
  survey,
  title,
  locale,
  contact,
}: {
  survey: Json;
  /** The campaign's public title (the template's own survey title is not shown: it may name violence). */
  title: string;
  locale: string;
  contact?: { name?: string; phone?: string; email?: string; url?: string };
}) {
  const questions = numberQuestions(survey, locale);
  const pages = Array.isArray(survey.pages) ? (survey.pages as Json[]) : [];
  const sv = locale !== 'en';
  return (
    <article className="printable" lang={locale === 'en' ? 'en' : 'sv'} data-testid="printable">
      <header className="print-header">
        <h2 className="print-survey-title">{title}</h2>
        <div className="print-code">
          <span>{sv ? 'Kod (från brevet):' : 'Code (from the letter):'}</span>
          <span className="print-code-box" aria-hidden="true" />
        </div>
      </header>
      <p className="print-intro">
        {sv
          ? 'Kryssa i rutorna med en penna. Du kan hoppa över frågor som du inte vill svara på. Skicka tillbaka enkäten i det frankerade kuvertet. Koden kopplas aldrig till dina svar.'
          : 'Mark the boxes with a pen. You may skip any question you do not want to answer. Return the questionnaire in the prepaid envelope. The code is never linked to your answers.'}
      </p>
      {survey.description !== undefined && <p>{textFor(survey.description, locale)}</p>}
      {pages.map((page, index) => (
        <section key={String(page.name ?? index)} className="print-page">
          {page.title !== undefined && <h3 className="print-page-title">{textFor(page.title, locale)}</h3>}
          <Condition expression={page.visibleIf} questions={questions} kind="frågorna i den här delen" />
          {page.description !== undefined && <p className="print-description">{textFor(page.description, locale)}</p>}
          <Elements elements={page.elements} locale={locale} questions={questions} />
        </section>
      ))}
      <footer className="print-support">
        <p>
          <strong>{sv ? 'Behöver du stöd?' : 'Do you need support?'}</strong>{' '}
          {sv
            ? 'Kvinnofridslinjen 020-50 50 50 (gratis, dygnet runt). Vid akut fara: ring 112.'
            : 'Kvinnofridslinjen (national helpline) 020-50 50 50, free, 24 hours. In an emergency: call 112.'}
          {contact?.name && (
            <>
              {' '}
              {contact.name}
              {contact.phone && `, ${contact.phone}`}
              {contact.email && `, ${contact.email}`}
              {contact.url && `, ${contact.url}`}.
            </>
          )}
        </p>
      </footer>
    </article>
  );
}
