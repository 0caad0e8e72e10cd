#!/usr/bin/env python3
"""Puts the bench scripts' latest figures into docs/benchmarks.md, bench/results-1m.tsv and docs/benchmarks.svg.

   bench/report.py [RESULTS_DIR]        (default: bench/out/results, where the bench scripts write)

Each bench script writes RESULTS_DIR/NAME.tsv ("# key<TAB>value" lines saying what ran where, then a header and one
line per run and contender; see bench/results.sh). For each such file this script rewrites the part of
docs/benchmarks.md between <!-- bench:NAME:begin --> and <!-- bench:NAME:end -->: the exact command, when and on what
it ran, a table of every run with the medians, and the ratio (for JMH's jmh-domain.tsv: each fixture's rows per second
per core, with JMH's error). Everything outside the markers is prose and stays as it is; a section with no result file
(its benchmark was skipped) stays as it is too, and so do its row in the summary table (<!-- bench:summary:... -->)
and its bar in the chart. The output depends only on the result files and the document, so running it twice gives the
same files.

Python 3 standard library only.
"""
import math
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / 'docs' / 'benchmarks.md'
CHART_DATA = ROOT / 'bench' / 'results-1m.tsv'
CHART = ROOT / 'docs' / 'benchmarks.svg'

# The summary table's rows, keyed by their first cell; a fresh result replaces its row, the others are kept as found.
TARGET_COPY = 'in-process on a 1M-row file >= 1.0x the throughput of COPY of the already-clean rows'
TARGET_SPARK = 'Spark engine at `local[2]` on 8 files >= 0.8x the in-process engine'
TARGET_MEMORY = 'peak memory <= 512 MB and flat from a 100 MB to a 2 GB file'
TARGET_PGLOADER = 'against pgloader'
TARGET_HANDWRITTEN = 'against a hand-written Spark job'
TARGETS = [TARGET_COPY, TARGET_SPARK, TARGET_MEMORY, TARGET_PGLOADER, TARGET_HANDWRITTEN]

# The chart's bars, in this order: (name in bench/results-1m.tsv, benchmark it comes from, contender there)
CHART_BARS = [
    ('loan-etl in-process', 'in-process-vs-copy', 'loan-etl in-process'),
    ('COPY of the clean rows (floor)', 'in-process-vs-copy', 'COPY clean rows'),
    ('pgloader + DELETE (all text)', 'pgloader-vs-loan-etl', 'pgloader + DELETE'),
    ('hand-written Spark job', 'handwritten-spark', 'hand-written Spark job'),
]
# bench/results-1m.tsv as first written by hand had no "# rows" line; its name says which file it was measured on
CHART_DEFAULT_ROWS = 1_000_000

# The JMH benchmark's fixtures (its @Param), as the page names them; another fixture is named by its path
JMH_FIXTURES = {
    'layouts/modern151.csv': 'modern 151-column layout (`fixtures/layouts/modern151.csv` rows)',
    'reference/sample-53col.csv': "the original job's 53-column sample",
}
# JMH's throughput units, in operations (here rows: @OperationsPerInvocation) per second
JMH_PER_SECOND = {'ops/ns': 1e9, 'ops/us': 1e6, 'ops/ms': 1e3, 'ops/s': 1.0, 'ops/min': 1 / 60}

# Peak memory counts as flat when the 2 GB file's peak is within this share above the 100 MB file's
FLAT_TOLERANCE = 0.10
MEMORY_LIMIT_MB = 512


class Result:
    """One bench/out/results/NAME.tsv: its "# key" lines and its rows as dicts of strings."""

    def __init__(self, path):
        self.meta, self.rows = {}, []
        header = None
        for line in path.read_text().splitlines():
            if line.startswith('# '):
                key, _, value = line[2:].partition('\t')
                self.meta[key] = value
            elif line.strip():
                cells = line.split('\t')
                if header is None:
                    header = cells
                else:
                    self.rows.append(dict(zip(header, cells)))
        if header is None:
            raise SystemExit(f'{path}: no header line')

    def of(self, column, value):
        return [r for r in self.rows if r[column] == value]


def median(values):
    return statistics.median(values)


def walls(rows):
    return [float(r['wall_s']) for r in rows]


def counted(rows, column='loaded'):
    """The count every run gives, formatted; the runs' different counts joined by "/" if they do not agree."""
    return '/'.join(num(v) for v in sorted({int(r[column]) for r in rows}))


def ratio(r):
    return f'{r:.2f}x' if r < 2 else f'{r:.1f}x'


def num(x, places=0):
    return f'{x:,.{places}f}'


def mb(n_bytes):
    return int(n_bytes) / 1048576


def provenance(res, data=None, extra=()):
    """The command and what it ran on, as the script recorded it when it ran."""
    m = res.meta
    via = f', as part of `{m["via"]}`' if m.get('via') else ''
    software = '; '.join([m['java'], *([m['postgresql']] if 'postgresql' in m else []), *extra])
    lines = ['```sh', m['command'], '```', '',
             f'- run: {m["date"]}{via}',
             f'- machine: {m["nproc"]} cores (`nproc`), {m["cpu"]}, {int(m["memory_kib"]) / 1048576:.1f} GiB of memory',
             f'- software: {software}']
    if data:
        lines.append(f'- data: {data}')
    return lines


def table(header, align, rows):
    return ['| ' + ' | '.join(header) + ' |',
            '| ' + ' | '.join('---:' if a == 'r' else '---' for a in align) + ' |',
            *('| ' + ' | '.join(str(c) for c in row) + ' |' for row in rows)]


def in_process_vs_copy(res):
    raw_rows, size = int(res.meta['rows']), int(res.meta['file_bytes'])
    loader, copy = res.of('contender', 'loan-etl in-process'), res.of('contender', 'COPY clean rows')
    lines = provenance(res, f'`{res.meta["file"]}`, {num(mb(size))} MB, {num(raw_rows)} rows; '
                            f'{counted(loader)} loaded, {counted(loader, "rejected")} rejected')

    def row(run, r):
        wall = float(r['wall_s'])
        rate = int(r['loaded']) / wall
        if r['contender'] == 'loan-etl in-process':
            return [run, r['contender'], f'{wall:.2f}', num(rate), num(mb(size) / wall, 1), num(int(r['peak_mb']))]
        return [run, r['contender'], f'{wall:.2f}', num(rate), '-', '-']

    body = [row(r['run'], r) for r in res.rows]
    lw, cw = median(walls(loader)), median(walls(copy))
    if len(loader) > 1:
        peak = median(int(r['peak_mb']) for r in loader)
        body.append(['**median**', 'loan-etl in-process', f'**{lw:.2f}**',
                     num(median(int(r['loaded']) for r in loader) / lw), num(mb(size) / lw, 1), num(peak)])
        body.append(['**median**', 'COPY clean rows', f'**{cw:.2f}**',
                     num(median(int(r['loaded']) for r in copy) / cw), '-', '-'])
    lines += [''] + table(['run', 'contender', 'wall s', 'loaded rows/s', 'raw MB/s', 'peak RSS MB'],
                          'llrrrr', body)
    r = cw / lw
    lines += ['', f'Medians of {len(loader)} run{"s" if len(loader) > 1 else ""}: loan-etl in-process **{lw:.2f} s** '
                  f'({num(raw_rows / lw)} raw rows/s, {num(mb(size) / lw, 1)} MB/s of raw CSV), COPY of the clean rows '
                  f'**{cw:.2f} s**: loan-etl at **{ratio(r)}** the throughput of COPY.']
    summary = {TARGET_COPY: (f'**{ratio(r)}** ({lw:.2f} s against {cw:.2f} s, {num(raw_rows)} rows)',
                             'yes' if r >= 1.0 else 'no: see "What is left"')}
    return lines, summary


def spark_vs_in_process(res):
    rounds = sorted({r['round'] for r in res.rows}, key=int)
    by = {(r['round'], r['engine']): r for r in res.rows}
    counts = {(r['loaded'], r['rejected']) for r in res.rows}
    if len(counts) == 1:
        loaded, rejected = (int(c) for c in counts.pop())
        agree = f'both engines loaded {num(loaded)} rows and rejected {num(rejected)} in every round'
    else:
        agree = 'the counts differ: ' + '; '.join(
            f'round {r["round"]} {r["engine"]} {num(int(r["loaded"]))} loaded, {num(int(r["rejected"]))} rejected'
            for r in res.rows)
    files, per_file = int(res.meta['files']), int(res.meta['rows_per_file'])
    lines = provenance(res, f'{files} generated files of {num(per_file)} rows, {num(mb(res.meta["input_bytes"]))} MB '
                            f'in all; {agree}')
    cols = [('wall_s', 'in-process', 2), ('wall_s', 'spark', 2), ('user_s', 'in-process', 2), ('user_s', 'spark', 2),
            ('peak_mb', 'in-process', 0), ('peak_mb', 'spark', 0)]
    body = [[rnd] + [num(float(by[(rnd, e)][c]), p) for c, e, p in cols] for rnd in rounds]
    med = {(c, e): median(float(by[(rnd, e)][c]) for rnd in rounds) for c, e, _ in cols}
    if len(rounds) > 1:
        body.append(['**median**'] + [f'**{num(med[(c, e)], p)}**' if c == 'wall_s' else num(med[(c, e)], p)
                                      for c, e, p in cols])
    lines += [''] + table(['round', 'in-process wall s', 'Spark local[2] wall s', 'in-process CPU user s',
                           'Spark CPU user s', 'in-process peak RSS MB', 'Spark peak RSS MB'], 'lrrrrrr', body)
    iw, sw = med[('wall_s', 'in-process')], med[('wall_s', 'spark')]
    r = iw / sw
    lines += ['', f'Medians of {len(rounds)} round{"s" if len(rounds) > 1 else ""}: in-process **{iw:.2f} s**, Spark '
                  f'**{sw:.2f} s**: the Spark engine runs at **{ratio(r)}** the in-process engine.']
    summary = {TARGET_SPARK: (f'**{ratio(r)}** ({sw:.2f} s against {iw:.2f} s, {files} files of {num(per_file)} rows)',
                              'yes' if r >= 0.8 else 'no: see "Spark vs in-process"')}
    return lines, summary


def memory_flat(res):
    lines = provenance(res)
    heaps = list(dict.fromkeys(r['heap'] for r in res.rows))

    def heap_name(heap):
        return 'JVM default' if heap == 'default' else f'`JDK_JAVA_OPTIONS={heap}`'

    body = [[r['file'], num(mb(r['bytes'])), heap_name(r['heap']), num(float(r['wall_s']), 1), num(int(r['peak_mb']))]
            for r in res.rows]
    lines += [''] + table(['file', 'MB', 'heap', 'wall s', 'peak RSS MB'], 'lrlrr', body)
    sizes, measured, met, said = None, [], [], []
    for heap in heaps:
        rows = sorted(res.of('heap', heap), key=lambda r: int(r['bytes']))
        small, large = rows[0], rows[-1]
        sizes = (num(mb(small['bytes'])), num(mb(large['bytes'])))
        s, l = int(small['peak_mb']), int(large['peak_mb'])
        change = (l - s) / s
        flat = change <= FLAT_TOLERANCE
        within = max(s, l) <= MEMORY_LIMIT_MB
        name = "the JVM's default heap" if heap == 'default' else f'`{heap}`'
        said.append(f'{num(s)} -> {num(l)} MB ({change:+.0%}) with {name}')
        measured.append(f'**{num(s)} MB -> {num(l)} MB** with {name}' if heap != 'default' else
                        f'{num(s)} -> {num(l)} MB with {name}')
        met.append(f'with {name}: {"flat" if flat else "not flat"}, '
                   f'{"within" if within else "over"} {MEMORY_LIMIT_MB} MB')
    lines += ['', f'Peak RSS from the {sizes[0]} MB to the {sizes[1]} MB file: ' + '; '.join(said) + '.']
    # the bounded heap first: it is the setting the target is about
    order = sorted(range(len(heaps)), key=lambda i: heaps[i] == 'default')
    summary = {TARGET_MEMORY: ('; '.join(measured[i] for i in order) + f' ({sizes[0]} MB and {sizes[1]} MB files)',
                               '; '.join(met[i] for i in order))}
    return lines, summary


def loader_against(res, other, subject, kept_header, tool_column=None, extra=()):
    """The body shared by the pgloader and hand-written Spark sections: loan-etl against one other contender (called
    subject in the closing sentence)."""
    raw_rows = int(res.meta['rows'])
    lines = provenance(res, f'`{res.meta["file"]}`, {num(mb(res.meta["file_bytes"]))} MB, {num(raw_rows)} rows',
                       extra)
    loader, them = res.of('contender', 'loan-etl in-process'), res.of('contender', other)

    def kept(r):
        text = num(int(r['loaded']))
        return text + (f' ({num(int(r["rejected"]))} rejected, stored with reasons)' if r.get('rejected') else '')

    def wall(r):
        tool = r.get(tool_column) if tool_column else None
        return f'{float(r["wall_s"]):.2f}' + (f' ({tool_column.removesuffix("_s")} {float(tool):.2f})' if tool else '')

    body = [[r['run'], r['contender'], wall(r), kept(r)] for r in res.rows]
    lw, tw = median(walls(loader)), median(walls(them))
    if len(loader) > 1:
        body.append(['**median**', 'loan-etl in-process', f'**{lw:.2f}**',
                     num(median(int(r['loaded']) for r in loader))])
        body.append(['**median**', other, f'**{tw:.2f}**', num(median(int(r['loaded']) for r in them))])
    lines += [''] + table(['run', 'contender', 'wall s', kept_header], 'llrr', body)
    r = tw / lw
    faster = f'loan-etl is {ratio(r)} faster' if r >= 1 else f'{subject} is {ratio(1 / r)} faster'
    more = median(int(x['loaded']) for x in them) - median(int(x['loaded']) for x in loader)
    rows_said = (f'{num(more)} rows more than loan-etl' if more > 0 else
                 f'{num(-more)} rows fewer than loan-etl' if more < 0 else 'as many rows as loan-etl')
    lines += ['', f'**{faster}** (median {lw:.2f} s against {tw:.2f} s); {subject} keeps {rows_said}.']
    return lines, r, lw, tw, rows_said


def pgloader_vs_loan_etl(res):
    lines, r, lw, tw, _ = loader_against(res, 'pgloader + DELETE', 'pgloader', 'rows kept', 'pgloader_s',
                                         [res.meta.get('pgloader', 'pgloader')])
    return lines, {TARGET_PGLOADER: (f'loan-etl **{ratio(r)}** faster ({lw:.2f} s against {tw:.2f} s), '
                                     'and pgloader types nothing', '-')}


def handwritten_spark(res):
    spark = res.meta.get('spark')
    lines, r, lw, tw, rows_said = loader_against(res, 'hand-written Spark job', 'the job', 'rows loaded',
                                                 extra=[spark] if spark else [])
    return lines, {TARGET_HANDWRITTEN: (f'loan-etl **{ratio(r)}** faster ({lw:.2f} s against {tw:.2f} s), and the '
                                        f'job keeps {rows_said}', '-')}


def jmh_domain(res):
    """JMH's score and 99.9% error for each benchmark and fixture, in rows per second when JMH measured throughput."""
    benchmarks = list(dict.fromkeys(r['benchmark'] for r in res.rows))
    threads = sorted({int(r['threads']) for r in res.rows})
    samples = '/'.join(str(n) for n in sorted({int(r['samples']) for r in res.rows}))
    per_core = threads == [1]

    def label(r):
        fixture = r.get('fixture')
        name = JMH_FIXTURES.get(fixture, f'`fixtures/{fixture}` rows') if fixture else 'rows'
        return name if len(benchmarks) == 1 else f'`{r["benchmark"]}`, {name}'

    def figure(r):
        score, error = float(r['score']), float(r['error'])
        factor, unit = JMH_PER_SECOND.get(r['unit']), ''
        if factor is None:   # not a throughput: JMH's own figures and unit
            factor, unit = 1, ' ' + r['unit']
        places = 0 if factor * score >= 100 else 3
        if math.isnan(error):
            return f'{num(factor * score, places)}{unit} (one sample: no error)'
        return f'{num(factor * score, places)} ± {num(factor * error, places)}{unit}'

    thread_said = 'one thread' if per_core else f'{"/".join(map(str, threads))} threads'
    what = 'domain rows/s per core' if per_core else 'domain rows/s'
    data = (f'each fixture\'s rows repeated: read + cast + filter ({", ".join(f"`{b}`" for b in benchmarks)}) on '
            f'{thread_said}; {samples} measurement sample{"s" if samples != "1" else ""} (iterations x forks); '
            f'± is JMH\'s error at 99.9%')
    lines = provenance(res, data, [res.meta['jmh']] if 'jmh' in res.meta else [])
    lines += [''] + table(['rows', f'{what} (JMH)'], 'lr', [[label(r), figure(r)] for r in res.rows])
    return lines, {}


SECTIONS = {
    'in-process-vs-copy': in_process_vs_copy,
    'spark-vs-in-process': spark_vs_in_process,
    'memory-flat': memory_flat,
    'pgloader-vs-loan-etl': pgloader_vs_loan_etl,
    'handwritten-spark': handwritten_spark,
    'jmh-domain': jmh_domain,
}


def marked(name):
    return re.compile(rf'(<!-- bench:{re.escape(name)}:begin -->\n)(.*?)(<!-- bench:{re.escape(name)}:end -->)', re.S)


def replace_section(doc, name, lines):
    pattern = marked(name)
    if len(pattern.findall(doc)) != 1:
        raise SystemExit(f'{DOC}: expected one <!-- bench:{name}:begin --> ... <!-- bench:{name}:end --> pair')
    return pattern.sub(lambda m: m.group(1) + '\n'.join(lines) + '\n' + m.group(3), doc)


def summary_section(doc, fresh):
    """The summary table: fresh rows where a benchmark ran, the rows found in the document for the others."""
    found = marked('summary').search(doc)
    if not found:
        raise SystemExit(f'{DOC}: no <!-- bench:summary:begin --> ... <!-- bench:summary:end --> pair')
    kept = {}
    for line in found.group(2).splitlines():
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if line.startswith('|') and cells[0] not in ('target', '---'):
            kept[cells[0]] = line
    rows = []
    for target in TARGETS:
        found_row = kept.pop(target, f'| {target} | not measured yet | - |')
        rows.append(f'| {target} | {fresh[target][0]} | {fresh[target][1]} |' if target in fresh else found_row)
    rows += kept.values()   # a row this script does not know: leave it where a person put it
    return replace_section(doc, 'summary', ['| target | measured | met? |', '| --- | --- | --- |', *rows])


def chart(results):
    """bench/results-1m.tsv from the fresh medians, keeping the bars of skipped contenders measured on as many rows."""
    fresh = {}
    for name, bench, contender in CHART_BARS:
        if bench in results:
            rows = results[bench].of('contender', contender)
            fresh[name] = (median(walls(rows)), statistics.median_low(int(r['loaded']) for r in rows),
                           int(results[bench].meta['rows']))
    if not fresh:
        return False
    sizes = {rows for _, _, rows in fresh.values()}
    if len(sizes) != 1:
        print(f'the chart\'s contenders ran on files of different sizes ({sorted(sizes)} rows): '
              f'{CHART_DATA.relative_to(ROOT)} and {CHART.relative_to(ROOT)} left as they were', file=sys.stderr)
        return True
    rows = sizes.pop()
    old, old_rows = {}, CHART_DEFAULT_ROWS
    if CHART_DATA.exists():
        for line in CHART_DATA.read_text().splitlines():
            if line.startswith('# rows\t'):
                old_rows = int(line.split('\t')[1])
            elif line.strip() and not line.startswith('#'):
                name, wall, loaded = line.split('\t')
                old[name] = (wall, loaded)
    if old_rows != rows:
        old = {}   # bars measured on another file size cannot stand beside these
    out = [f'# rows\t{rows}', '# written by bench/report.py: contender, median wall seconds, loaded rows']
    for name, _, _ in CHART_BARS:
        if name in fresh:
            out.append(f'{name}\t{fresh[name][0]:.2f}\t{fresh[name][1]}')
        elif name in old:
            out.append(f'{name}\t{old[name][0]}\t{old[name][1]}')
    write(CHART_DATA, '\n'.join(out) + '\n')
    svg = subprocess.run([sys.executable, str(ROOT / 'bench' / 'chart.py'), str(CHART_DATA)],
                         check=True, capture_output=True, text=True).stdout
    write(CHART, svg)
    return True


def write(path, text):
    if path.exists() and path.read_text() == text:
        print(f'unchanged: {path.relative_to(ROOT)}')
    else:
        path.write_text(text)
        print(f'written:   {path.relative_to(ROOT)}')


def main():
    results_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / 'bench' / 'out' / 'results'
    results = {name: Result(results_dir / f'{name}.tsv') for name in SECTIONS
               if (results_dir / f'{name}.tsv').exists()}
    doc = DOC.read_text()
    fresh = {}
    for name, render in SECTIONS.items():
        if name in results:
            lines, summary = render(results[name])
            doc = replace_section(doc, name, lines)
            fresh.update(summary)
            print(f'section {name}: from {results_dir / (name + ".tsv")}')
        else:
            print(f'section {name}: no result, left as it was')
    doc = summary_section(doc, fresh)
    write(DOC, doc)
    if not chart(results):
        print(f'no contender of the chart ran: {CHART_DATA.relative_to(ROOT)} and {CHART.relative_to(ROOT)} '
              'left as they were')


if __name__ == '__main__':
    main()
