import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChartSpec, chartPalette, renderLineChart, renderStackedAreaChart } from './svg-chart.ts';

const seed = Number(process.env.POLITY_TEST_SEED ?? 20_260_101);

/**
 * A small XML well-formedness check: every tag matches the pattern of an element with quoted
 * attributes, opened tags close in order, one root, and every `&` starts an entity.
 */
function checkWellFormed(xml: string): void {
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const stack: string[] = [];
  let roots = 0;
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const text = xml.slice(at, lt === -1 ? xml.length : lt);
    checkEntities(text, at);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root at ${at}`);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const match = tag.exec(xml);
    if (!match) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 40)}`);
    const [, closing, name = '', attributes = '', selfClosing] = match;
    const names = [...attributes.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, attribute = '', value = '']) => {
      checkEntities(value, lt);
      return attribute;
    });
    if (new Set(names).size !== names.length) throw new Error(`repeated attribute in <${name}> at ${lt}`);
    if (closing) {
      if (stack.pop() !== name) throw new Error(`</${name}> at ${lt} closes nothing open`);
    } else {
      if (stack.length === 0) roots += 1;
      if (!selfClosing) stack.push(name);
    }
    at = tag.lastIndex;
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

function checkEntities(text: string, at: number): void {
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`bare & near ${at}`);
  if (text.includes('<') || text.includes('>')) throw new Error(`bare < or > near ${at}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids exactly these
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) throw new Error(`control character near ${at}`);
}

const small: ChartSpec = {
  title: 'Supply',
  xLabel: 'Day',
  yLabel: 'Tokens',
  x: [0, 1, 2, 3],
  series: [
    { name: 'median', values: [100, 200, Number.NaN, 400], band: { low: [90, 150, 250, 300], high: [110, 260, 380, 520] } },
    { name: 'staked', values: [50, 60, 70, 80] },
  ],
  width: 400,
  height: 240,
};

describe('the well-formedness check itself', () => {
  it.each<[string, string]>([
    ['<svg><g></svg>', 'unclosed or crossed tags'],
    ['<svg><g></svg></g>', 'crossed tags'],
    ['<svg a="1" a="2"/>', 'a repeated attribute'],
    ['<svg>a & b</svg>', 'a bare ampersand'],
    ['<svg x=1/>', 'an unquoted attribute'],
    ['<svg/><svg/>', 'two roots'],
    ['<svg>\u0001</svg>', 'a control character'],
  ])('rejects %j (%s)', (xml) => {
    expect(() => checkWellFormed(xml)).toThrow();
  });

  it('accepts a small document', () => {
    expect(() => checkWellFormed('<svg a="&amp;"><g><text>x &lt; y</text></g><rect/></svg>\n')).not.toThrow();
  });
});

describe('renderLineChart', () => {
  it('matches the snapshot of a small chart with a band and a gap', () => {
    const svg = renderLineChart(small);
    checkWellFormed(svg);
    expect(svg).toMatchSnapshot();
  });

  it('draws a band polygon per series with one, lines in the palette, and the band note', () => {
    const svg = renderLineChart(small);
    expect(svg.match(/<polygon /g)).toHaveLength(1);
    expect(svg).toContain(`stroke="${chartPalette[0]}"`);
    expect(svg).toContain(`stroke="${chartPalette[1]}"`);
    expect(svg).toContain('shaded: min-max range');
    // the NaN splits the median into a line (days 0-1) and a lone dot (day 3)
    expect(svg.match(/<circle /g)).toHaveLength(1);
  });

  it('labels axes with nice compact ticks, or with the given formatters', () => {
    const big = { ...small, series: [{ name: 's', values: [0, 1_200_000, 2_500_000, 3_400_000] }] };
    const svg = renderLineChart(big);
    for (const label of ['>0<', '>500k<', '>1M<', '>1.5M<', '>3.5M<']) expect(svg).toContain(label);
    const days = renderLineChart({ ...big, xTicks: (day) => `day ${day}`, yTicks: (value) => `${value / 1e6} m` });
    expect(days).toContain('>day 3<');
    expect(days).toContain('>3.5 m<');
  });

  it('escapes text and drops characters XML cannot carry', () => {
    const svg = renderLineChart({ ...small, title: `<script>&"'\u0007`, series: [{ name: 'a < b & c', values: [1, 2, 3, 4] }] });
    checkWellFormed(svg);
    expect(svg).toContain('&lt;script&gt;&amp;&quot;&apos;</title>');
    expect(svg).toContain('>a &lt; b &amp; c</text>');
    expect(svg).not.toContain('<script>');
  });

  it('past eight series the colours repeat with a dash', () => {
    const series = Array.from({ length: 9 }, (_, index) => ({ name: `s${index}`, values: [index, index + 1, index, index + 2] }));
    const svg = renderLineChart({ ...small, series });
    expect(svg.match(/stroke-dasharray="6 3"/g)).toHaveLength(2); // the ninth line and its legend swatch
  });

  it('rejects series whose length differs from x, and too many series', () => {
    expect(() => renderLineChart({ ...small, series: [{ name: 'short', values: [1, 2] }] })).toThrow(/one value/);
    expect(() => renderLineChart({ ...small, series: [{ name: 'b', values: [1, 2, 3, 4], band: { low: [1], high: [1, 2, 3, 4] } }] })).toThrow(/one value/);
    const many = Array.from({ length: 33 }, (_, index) => ({ name: `s${index}`, values: [1, 2, 3, 4] }));
    expect(() => renderLineChart({ ...small, series: many })).toThrow(/at most 32 series/);
    expect(() => renderLineChart({ ...small, width: 100 })).toThrow(/no room/);
  });

  it('an empty chart is still a well-formed frame', () => {
    const svg = renderLineChart({ title: 'Nothing yet', xLabel: 'x', yLabel: 'y', x: [], series: [] });
    checkWellFormed(svg);
    expect(svg).not.toContain('NaN');
  });
});

describe('renderStackedAreaChart', () => {
  it('matches the snapshot of a small stacked chart', () => {
    const svg = renderStackedAreaChart({
      ...small,
      title: 'Holders',
      series: [small.series[1] ?? { name: '', values: [] }, { name: 'treasury', values: [10, 20, 30, 40] }],
    });
    checkWellFormed(svg);
    expect(svg).toMatchSnapshot();
  });

  it('stacks: the value axis reaches the sum, a NaN counts as zero, the legend lists the top first', () => {
    const svg = renderStackedAreaChart({
      ...small,
      series: [
        { name: 'bottom', values: [600_000, 700_000, Number.NaN, 900_000] },
        { name: 'top', values: [300_000, 300_000, 300_000, 300_000] },
      ],
    });
    expect(svg).toContain('>1.2M<'); // 900k + 300k on the last day
    expect(svg.indexOf('>top<')).toBeLessThan(svg.indexOf('>bottom<'));
    expect(svg.match(/<polygon /g)).toHaveLength(2);
    expect(svg).not.toContain('NaN');
  });
});

describe('properties', () => {
  const value = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constant(Number.NaN), fc.integer({ min: 0, max: 1_000_000 }));
  const spec = fc.integer({ min: 0, max: 12 }).chain((length) =>
    fc.record({
      title: fc.string(),
      names: fc.array(fc.string(), { minLength: 0, maxLength: 10 }),
      x: fc.array(fc.integer({ min: -1000, max: 100_000 }), { minLength: length, maxLength: length }).map((xs) => [...xs].sort((a, b) => a - b)),
      values: fc.array(fc.array(value, { minLength: length, maxLength: length }), { minLength: 10, maxLength: 10 }),
      banded: fc.boolean(),
    }),
  );

  it(`any input renders well-formed, deterministic SVG with finite coordinates (seed ${seed})`, () => {
    fc.assert(
      fc.property(spec, ({ title, names, x, values, banded }) => {
        const series = names.map((name, index) => {
          const line = values[index] ?? [];
          return banded ? { name, values: line, band: { low: line.map((v) => v - 1), high: line.map((v) => v + 1) } } : { name, values: line };
        });
        const chart: ChartSpec = { title, xLabel: 'x', yLabel: 'y', x, series };
        for (const render of [renderLineChart, renderStackedAreaChart]) {
          const svg = render(chart);
          checkWellFormed(svg);
          expect(svg).not.toMatch(/NaN|Infinity/);
          expect(render(chart)).toBe(svg);
        }
      }),
      { seed, numRuns: 200 },
    );
  });
});
