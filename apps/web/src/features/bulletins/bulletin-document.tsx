import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { shanghaiDate, type BulletinContent, type BulletinStatus, type CoordinationCategory, type CoordinationLevel, STAGES, type Stage } from '@wutong/contracts';
import type { Resources } from '../../app/locales/zh-cn';
import { formatWan, formatYi, percent, periodText, punct } from '../../shared/format';
import { stageLabel } from '../projects';
import { completionTables, docDate, docKind, docUnit, headlineValue, listValue, pointsFmt, rankChange } from './format';
import './bulletins.css';

const ZH_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];
/** a chapter's number as the document prints it: 五 in Chinese, V in English */
const sectionNo = (n: number, lang: string) => (lang === 'en-US' ? ROMAN[n] : ZH_NUMERALS[n]) ?? String(n);

/** a cell of another module's section: money in 万元, shares in percent, the rest as given */
function sectionCell(v: string | number | null, kind: 'text' | 'number' | 'cny' | 'usd' | 'date' | 'percent'): ReactNode {
  if (v === null || v === '') return '';
  if (typeof v === 'string') return v;
  if (kind === 'cny' || kind === 'usd') return formatWan(v);
  if (kind === 'percent') return percent(v);
  return v.toLocaleString();
}

const isStage = (s: string): s is Stage => (STAGES as readonly string[]).includes(s);

type Doc = Resources['bulletins']['doc'];
/** the document's texts (its nested tables of names are looked up by key) */
type DocText = { [K in keyof Doc]: Doc[K] extends string ? K : never }[keyof Doc];

type Col = { title: ReactNode; cls?: 'num' | 'center' | 'name' };

function Table({ cols, rows, testId }: { cols: Col[]; rows: ReactNode[][]; testId?: string }) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            {cols.map((c, i) => (
              <th key={i}>{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j} className={cols[j]?.cls}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The bulletin as a printable sheet: the same content and order as its Word form (render-docx.ts on
 * the server) — masthead, 第N期, issuing body and date over a red rule, the title, five sections.
 */
export function BulletinDocument({ c, status }: { c: BulletinContent; status: BulletinStatus }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const paren = punct(lang).paren;
  const d = (k: DocText, o?: Record<string, unknown>) => t(`bulletins.doc.${k}`, o ?? {});
  const completion = completionTables(c);
  let tableNo = 2;
  let sub = 0;
  const numbered = (text: string) => d('numbered', { n: d('numerals').split(',')[sub++], text });
  const monthly = c.kind === 'monthly';
  return (
    <article className="bulletin-paper" data-testid="bulletin-document" style={{ position: 'relative' }}>
      {status !== 'published' ? <div className="draft-mark">{t(`bulletins.statuses.${status}`)}</div> : null}
      <div className="masthead" data-testid="bulletin-masthead">
        {c.masthead}
      </div>
      <div className="issue">{d('issue', { n: c.issueNo })}</div>
      <div className="issuer">
        <span>{c.issuingBody}</span>
        <span>{docDate(t, c.date)}</span>
      </div>
      <h1 data-testid="bulletin-title">{c.title}</h1>
      <p className="flush">{d('toWhom', { region: c.regionName })}</p>
      <p>{d('intro', { period: c.periodLabel })}</p>

      <h2>{d('s1')}</h2>
      {c.overall.summary.map((s, i) => (
        <p key={i}>{s}</p>
      ))}
      <div className="caption">
        {d('table', { n: 1 })} {d('headline', { year: c.year, date: docDate(t, c.periodEnd) })}
      </div>
      <Table
        testId="bulletin-headline"
        cols={[{ title: d('indicator') }, { title: d('unit'), cls: 'center' }, { title: d(monthly ? 'inMonth' : 'inWeek'), cls: 'num' }, { title: d('ytd'), cls: 'num' }, { title: d('target'), cls: 'num' }, { title: d('completion'), cls: 'num' }, { title: d('timeProgress'), cls: 'num' }]}
        rows={c.overall.indicators.map((i) => [
          i.name,
          docUnit(t, i.unit),
          headlineValue(i.unit, i.inPeriod),
          headlineValue(i.unit, i.actual),
          i.target === null ? '—' : headlineValue(i.unit, i.target),
          percent(i.completion),
          percent(i.timeProgress),
        ])}
      />
      <p className="note">{d('note', { basis: c.basis })}</p>

      <h2>{d('s2')}</h2>
      {completion.length ? <h3>{numbered(d('completionRanking'))}</h3> : null}
      {completion.map((g) => (
        <div key={g.kind}>
          <div className="caption">
            {d('table', { n: tableNo++ })} {d('completionOf', { kind: docKind(t, g.kind), name: g.lead.name })}
          </div>
          <Table
            testId={`bulletin-completion-${g.kind}`}
            cols={[
              { title: d('rank'), cls: 'center' },
              { title: d('unitName'), cls: 'name' },
              { title: `${g.lead.name}${paren(docUnit(t, g.lead.unit, true))}`, cls: 'num' },
              { title: d('target'), cls: 'num' },
              { title: `${g.lead.name}${d('completion')}`, cls: 'num' },
              ...g.others.map((o) => ({ title: `${o.name}${d('completion')}`, cls: 'num' as const })),
            ]}
            rows={g.rows.map((r) => [r.rank, r.unitName, listValue(g.lead.unit, r.actual), listValue(g.lead.unit, r.target), percent(r.completion), ...r.others.map((x) => percent(x))])}
          />
        </div>
      ))}
      <h3>{numbered(d('pointsRanking', { period: periodText(c.pointsRanking.period, lang) }))}</h3>
      {c.pointsRanking.groups
        .filter((g) => g.items.length)
        .map((g) => (
          <div key={g.kind}>
            <div className="caption">
              {d('table', { n: tableNo++ })} {d('pointsOf', { kind: docKind(t, g.kind) })}
            </div>
            <Table
              testId={`bulletin-points-${g.kind}`}
              cols={[{ title: d('rank'), cls: 'center' }, { title: d('unitName'), cls: 'name' }, { title: d('points'), cls: 'num' }, { title: d('previousRank'), cls: 'center' }, { title: d('change'), cls: 'center' }]}
              rows={g.items.map((r) => [r.rank, r.unitName, pointsFmt(r.points), r.previousRank ?? '—', rankChange(r.change, r.previousRank, d('newcomer'))])}
            />
          </div>
        ))}
      {c.pointsRanking.people.length ? (
        <p>
          {d('peopleLine', {
            head: d('people', { n: Math.min(10, c.pointsRanking.people.length) }),
            list: c.pointsRanking.people
              .slice(0, 10)
              .map((p) => d('person', { name: p.displayName, unit: p.unitName, points: pointsFmt(p.points) }))
              .join(d('listSep')),
          })}
        </p>
      ) : null}
      {c.adjustments.length ? (
        <>
          <h3>{numbered(d('adjustments'))}</h3>
          <div className="caption">
            {d('table', { n: tableNo++ })} {d('adjustments')}
          </div>
          <Table
            testId="bulletin-adjustments"
            cols={[{ title: d('against'), cls: 'center' }, { title: d('unitName') }, { title: d('measure') }, { title: d('frozen'), cls: 'num' }, { title: d('live'), cls: 'num' }, { title: d('delta'), cls: 'num' }]}
            rows={c.adjustments.map((a) => {
              const r = a.indicator ? c.completionRankings.find((x) => x.indicator === a.indicator) : undefined;
              const f = (v: number) => (a.measure === 'points' ? pointsFmt(v) : r ? listValue(r.unit, v) : String(v));
              return [a.againstPeriod, a.unitName, a.measure === 'points' ? d('pointsWord') : `${r?.name ?? a.indicator}${paren(r ? docUnit(t, r.unit, true) : '')}`, f(a.frozen), f(a.live), `${a.delta > 0 ? '+' : ''}${f(a.delta)}`];
            })}
          />
        </>
      ) : null}

      <h2>{d('s3')}</h2>
      <h3>{c.signings.count ? d('signings', { n: c.signings.count, total: formatYi(c.signings.totalCny) }) : d('noSignings')}</h3>
      {c.signings.count ? (
        <Table
          testId="bulletin-signings"
          cols={[{ title: d('no'), cls: 'center' }, { title: d('project') }, { title: d('respUnit') }, { title: d('signedOn'), cls: 'center' }, { title: `${d('signedAmount')}${paren(t('bulletins.doc.listUnits.cny'))}`, cls: 'num' }]}
          rows={c.signings.items.map((p, i) => [i + 1, p.projectName, p.unitName, p.onDate, formatWan(p.amount)])}
        />
      ) : null}
      <h3>{c.landings.count ? d('landings', { n: c.landings.count, total: formatYi(c.landings.totalCny) }) : d('noLandings')}</h3>
      {c.landings.count ? (
        <Table
          testId="bulletin-landings"
          cols={[{ title: d('no'), cls: 'center' }, { title: d('enterprise') }, { title: d('respUnit') }, { title: d('registeredOn'), cls: 'center' }, { title: `${d('regCapital')}${paren(t('bulletins.doc.listUnits.cny'))}`, cls: 'num' }]}
          rows={c.landings.items.map((p, i) => [i + 1, p.enterpriseName, p.unitName, p.onDate, formatWan(p.amount)])}
        />
      ) : null}

      <h2>{d('s4')}</h2>
      <h3>{c.redLights.count ? d('red', { n: c.redLights.count }) : d('noRed')}</h3>
      {c.redLights.count ? (
        <Table
          testId="bulletin-red"
          cols={[{ title: d('no'), cls: 'center' }, { title: d('project') }, { title: d('respUnit') }, { title: d('stage'), cls: 'center' }, { title: d('reason') }]}
          rows={c.redLights.items.map((p, i) => [i + 1, p.projectName, p.unitName, isStage(p.stage) ? stageLabel(p.stage, lang) : p.stage, p.reason])}
        />
      ) : null}
      <h3>{c.overdueItems.count ? d('overdue', { n: c.overdueItems.count }) : d('noOverdue')}</h3>
      {c.overdueItems.count ? (
        <Table
          testId="bulletin-overdue"
          cols={[{ title: d('no'), cls: 'center' }, { title: d('item') }, { title: d('project') }, { title: d('category'), cls: 'center' }, { title: d('leadUnit') }, { title: d('dueOn'), cls: 'center' }, { title: d('daysOverdue'), cls: 'num' }]}
          rows={c.overdueItems.items.map((x, i) => [i + 1, `${x.title}${paren(t(`coordination.levels.${x.level as CoordinationLevel}`))}`, x.projectName, t(`bulletins.doc.categories.${x.category as CoordinationCategory}`), x.leadUnitName, x.dueOn, d('days', { n: x.daysOverdue })])}
        />
      ) : null}

      {(c.sections ?? []).map((sec, i) => (
        <section key={sec.key} data-testid={`bulletin-section-${sec.key}`}>
          <h2>{d('sectionN', { no: sectionNo(5 + i, lang), title: sec.heading })}</h2>
          {sec.paragraphs.map((p, k) => (
            <p key={k}>{p}</p>
          ))}
          {sec.table ? (
            <>
              <h3>{sec.table.caption}</h3>
              <Table
                cols={[{ title: d('no'), cls: 'center' }, ...sec.table.columns.map((col) => ({ title: col.kind === 'cny' || col.kind === 'usd' ? `${col.label}${paren(t(`bulletins.doc.listUnits.${col.kind}`))}` : col.label, cls: col.kind === 'text' || col.kind === 'date' ? undefined : ('num' as const) }))]}
                rows={sec.table.rows.map((r, n) => [n + 1, ...r.map((v, k) => sectionCell(v, sec.table!.columns[k]!.kind))])}
              />
            </>
          ) : null}
        </section>
      ))}

      <h2>{c.sections?.length ? d('sectionN', { no: sectionNo(5 + c.sections.length, lang), title: d('notesTitle') }) : d('s5')}</h2>
      {c.notes.trim() ? (
        c.notes
          .split(/\r?\n/)
          .filter((l) => l.trim())
          .map((l, i) => (
            <p key={i} data-testid="bulletin-notes">
              {l}
            </p>
          ))
      ) : (
        <p>{d('noNotes')}</p>
      )}
      {c.snapshot ? (
        <p>
          {d('snapshotCite', {
            period: periodText(c.snapshot.period, lang),
            id: c.snapshot.id,
            date: docDate(t, shanghaiDate(new Date(c.snapshot.frozenAt))),
            checksum: c.snapshot.checksum.slice(0, 12),
          })}
        </p>
      ) : null}

      <div className="signature">
        <div>{c.issuingBody}</div>
        <div>{docDate(t, c.date)}</div>
      </div>
      <div className="colophon">
        <div>{d('cc')}</div>
        <div>
          <span>{c.issuingBody}</span>
          <span>{d('printed', { date: docDate(t, c.date) })}</span>
        </div>
      </div>
    </article>
  );
}
