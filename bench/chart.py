#!/usr/bin/env python3
"""Draws a horizontal bar chart (SVG, no libraries needed) of loaded rows per second per contender.

   bench/chart.py RESULTS.tsv > docs/benchmarks.svg

RESULTS.tsv: one line per contender, tab-separated: name, median wall seconds, loaded rows. Lines starting with # are
comments; "# rows<TAB>N" says how many rows the raw file had (the title's 1M when there is no such line).
"""
import sys
from xml.sax.saxutils import escape

rows, file_rows = [], 1_000_000
with open(sys.argv[1]) as f:
    for line in f:
        if line.startswith('# rows\t'):
            file_rows = int(line.split('\t')[1])
        elif line.strip() and not line.startswith('#'):
            name, wall, loaded = line.rstrip('\n').split('\t')
            rows.append((name, float(wall), int(loaded)))

# 1000000 -> "1M", 20000 -> "20k": the title names the file the way the documentation does
size = (f'{file_rows // 1_000_000}M' if file_rows % 1_000_000 == 0 else
        f'{file_rows // 1000}k' if file_rows % 1000 == 0 else f'{file_rows:,}')
width, left, bar_h, gap, top = 760, 260, 26, 12, 40
height = top + len(rows) * (bar_h + gap) + 30
best = max(loaded / wall for _, wall, loaded in rows)
scale = (width - left - 120) / best
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
       f'<text x="{left}" y="22" font-weight="bold">loaded rows per second on the {size}-row raw file (higher is better)</text>']
for i, (name, wall, loaded) in enumerate(rows):
    y = top + i * (bar_h + gap)
    rate = loaded / wall
    w = max(1, rate * scale)
    colour = '#2b6cb0' if name.startswith('loan-etl') else '#a0aec0'
    out.append(f'<text x="{left - 8}" y="{y + bar_h * 0.68}" text-anchor="end">{escape(name)}</text>')
    out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>')
    out.append(f'<text x="{left + w + 6:.1f}" y="{y + bar_h * 0.68}">{rate:,.0f}/s ({wall:.1f} s)</text>')
out.append('</svg>')
print('\n'.join(out))
