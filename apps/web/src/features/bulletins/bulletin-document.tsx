import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulletinContent, BulletinStatus } from '@wutong/contracts';
import type { Resources } from '../../app/locales/zh-cn';
import {
  CATEGORY_ZH,
  KIND_ZH,
  LEVEL_ZH,
  STAGE_ZH,
  completionTables,
  dateZh,
  headlineUnit,
  headlineValue,
  listUnit,
  listValue,
  pct,
  periodZh,
  pointsFmt,
  rankChange,
  wan,
  shanghaiDate,
  yi,
} from './format';
import './bulletins.css';

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

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * The bulletin as a printable sheet: the same content and order as its Word form (render-docx.ts on
 * the server) — masthead, 第N期, issuing body and date over a red rule, the title, five sections.
 */
export function BulletinDocument({ c, status }: { c: BulletinContent; status: BulletinStatus }) {
  const { t } = useTranslation();
  const d = (k: keyof Resources['bulletins']['doc'], o?: Record<string, unknown>) => t(`bulletins.doc.${k}`, o ?? {});
  const completion = completionTables(c);
  let tableNo = 2;
  let sub = 0;
  const numbered = (text: string) => `（${CN[sub++]}）${text}`;
  const monthly = c.kind === 'monthly';
  return (
    <article className="bulletin-paper" data-testid="bulletin-document" style={{ position: 'relative' }}>
      {status !== 'published' ? <div className="draft-mark">{t(`bulletins.statuses.${status}`)}</div> : null}
      <div className="masthead" data-testid="bulletin-masthead">
        {c.masthead}
      </div>
      <div className="issue">第{c.issueNo}期</div>
      <div className="issuer">
        <span>{c.issuingBody}</span>
        <span>{dateZh(c.date)}</span>
      </div>
      <h1 data-testid="bulletin-title">{c.title}</h1>
      <p className="flush">{d('toWhom', { region: c.regionName })}</p>
      <p>{d('intro', { period: c.periodLabel })}</p>

      <h2>{d('s1')}</h2>
      {c.overall.summary.map((s, i) => (
        <p key={i}>{s}</p>
      ))}
      <div className="caption">
        表1 {d('headline', { year: c.year, date: dateZh(c.periodEnd) })}
      </div>
      <Table
        testId="bulletin-headline"
        cols={[{ title: d('indicator') }, { title: d('unit'), cls: 'center' }, { title: d(monthly ? 'inMonth' : 'inWeek'), cls: 'num' }, { title: d('ytd'), cls: 'num' }, { title: d('target'), cls: 'num' }, { title: d('completion'), cls: 'num' }, { title: d('timeProgress'), cls: 'num' }]}
        rows={c.overall.indicators.map((i) => [
          i.name,
          headlineUnit(i.unit),
          headlineValue(i.unit, i.inPeriod),
          headlineValue(i.unit, i.actual),
          i.target === null ? '—' : headlineValue(i.unit, i.target),
          pct(i.completion),
          pct(i.timeProgress),
        ])}
      />
      <p className="note">{d('note', { basis: c.basis })}</p>

      <h2>{d('s2')}</h2>
      {completion.length ? <h3>{numbered(d('completionRanking'))}</h3> : null}
      {completion.map((g) => (
        <div key={g.kind}>
          <div className="caption">
            表{tableNo++} {d('completionOf', { kind: KIND_ZH[g.kind], name: g.lead.name })}
          </div>
          <Table
            testId={`bulletin-completion-${g.kind}`}
            cols={[
              { title: d('rank'), cls: 'center' },
              { title: d('unitName'), cls: 'name' },
              { title: `${g.lead.name}（${listUnit(g.lead.unit)}）`, cls: 'num' },
              { title: d('target'), cls: 'num' },
              { title: `${g.lead.name}${d('completion')}`, cls: 'num' },
              ...g.others.map((o) => ({ title: `${o.name}${d('completion')}`, cls: 'num' as const })),
            ]}
            rows={g.rows.map((r) => [r.rank, r.unitName, listValue(g.lead.unit, r.actual), listValue(g.lead.unit, r.target), pct(r.completion), ...r.others.map((x) => pct(x))])}
          />
        </div>
      ))}
      <h3>{numbered(d('pointsRanking', { period: periodZh(c.pointsRanking.period) }))}</h3>
      {c.pointsRanking.groups
        .filter((g) => g.items.length)
        .map((g) => (
          <div key={g.kind}>
            <div className="caption">
              表{tableNo++} {d('pointsOf', { kind: KIND_ZH[g.kind] })}
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
          {d('people', { n: Math.min(10, c.pointsRanking.people.length) })}：
          {c.pointsRanking.people
            .slice(0, 10)
            .map((p) => `${p.displayName}（${p.unitName}，${pointsFmt(p.points)}分）`)
            .join('，')}
          。
        </p>
      ) : null}
      {c.adjustments.length ? (
        <>
          <h3>{numbered(d('adjustments'))}</h3>
          <div className="caption">
            表{tableNo++} {d('adjustments')}
          </div>
          <Table
            testId="bulletin-adjustments"
            cols={[{ title: d('against'), cls: 'center' }, { title: d('unitName') }, { title: d('measure') }, { title: d('frozen'), cls: 'num' }, { title: d('live'), cls: 'num' }, { title: d('delta'), cls: 'num' }]}
            rows={c.adjustments.map((a) => {
              const r = a.indicator ? c.completionRankings.find((x) => x.indicator === a.indicator) : undefined;
              const f = (v: number) => (a.measure === 'points' ? pointsFmt(v) : r ? listValue(r.unit, v) : String(v));
              return [a.againstPeriod, a.unitName, a.measure === 'points' ? d('pointsWord') : `${r?.name ?? a.indicator}（${r ? listUnit(r.unit) : ''}）`, f(a.frozen), f(a.live), `${a.delta > 0 ? '+' : ''}${f(a.delta)}`];
            })}
          />
        </>
      ) : null}

      <h2>{d('s3')}</h2>
      <h3>{c.signings.count ? d('signings', { n: c.signings.count, total: yi(c.signings.totalCny) }) : d('noSignings')}</h3>
      {c.signings.count ? (
        <Table
          testId="bulletin-signings"
          cols={[{ title: d('no'), cls: 'center' }, { title: d('project') }, { title: d('respUnit') }, { title: d('signedOn'), cls: 'center' }, { title: `${d('signedAmount')}（万元）`, cls: 'num' }]}
          rows={c.signings.items.map((p, i) => [i + 1, p.projectName, p.unitName, p.onDate, wan(p.amount)])}
        />
      ) : null}
      <h3>{c.landings.count ? d('landings', { n: c.landings.count, total: yi(c.landings.totalCny) }) : d('noLandings')}</h3>
      {c.landings.count ? (
        <Table
          testId="bulletin-landings"
          cols={[{ title: d('no'), cls: 'center' }, { title: d('enterprise') }, { title: d('respUnit') }, { title: d('registeredOn'), cls: 'center' }, { title: `${d('regCapital')}（万元）`, cls: 'num' }]}
          rows={c.landings.items.map((p, i) => [i + 1, p.enterpriseName, p.unitName, p.onDate, wan(p.amount)])}
        />
      ) : null}

      <h2>{d('s4')}</h2>
      <h3>{c.redLights.count ? d('red', { n: c.redLights.count }) : d('noRed')}</h3>
      {c.redLights.count ? (
        <Table
          testId="bulletin-red"
          cols={[{ title: d('no'), cls: 'center' }, { title: d('project') }, { title: d('respUnit') }, { title: d('stage'), cls: 'center' }, { title: d('reason') }]}
          rows={c.redLights.items.map((p, i) => [i + 1, p.projectName, p.unitName, STAGE_ZH[p.stage] ?? p.stage, p.reason])}
        />
      ) : null}
      <h3>{c.overdueItems.count ? d('overdue', { n: c.overdueItems.count }) : d('noOverdue')}</h3>
      {c.overdueItems.count ? (
        <Table
          testId="bulletin-overdue"
          cols={[{ title: d('no'), cls: 'center' }, { title: d('item') }, { title: d('project') }, { title: d('category'), cls: 'center' }, { title: d('leadUnit') }, { title: d('dueOn'), cls: 'center' }, { title: d('daysOverdue'), cls: 'num' }]}
          rows={c.overdueItems.items.map((x, i) => [i + 1, `${x.title}（${LEVEL_ZH[x.level] ?? x.level}）`, x.projectName, CATEGORY_ZH[x.category] ?? x.category, x.leadUnitName, x.dueOn, d('days', { n: x.daysOverdue })])}
        />
      ) : null}

      <h2>{d('s5')}</h2>
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
          本通报排名引用{periodZh(c.snapshot.period)}考核快照（编号{c.snapshot.id}，冻结于{dateZh(shanghaiDate(new Date(c.snapshot.frozenAt)))}，校验码{c.snapshot.checksum.slice(0, 12)}）。
        </p>
      ) : null}

      <div className="signature">
        <div>{c.issuingBody}</div>
        <div>{dateZh(c.date)}</div>
      </div>
      <div className="colophon">
        <div>{d('cc')}</div>
        <div>
          <span>{c.issuingBody}</span>
          <span>{d('printed', { date: dateZh(c.date) })}</span>
        </div>
      </div>
    </article>
  );
}
