'use strict';
// Opens a shockflow report in headless Chromium, offline, and checks that it
// works as a person would see it: no console error or warning, no request
// leaving the file, every chart container holding a drawn SVG or canvas.
// Saves a full-page screenshot at a 1280 x 800 window.
//
//   node check_report.cjs REPORT_HTML SCREENSHOT_PNG NODE_MODULES ASSETS_DIR MIN_CHARTS
//
// Exits 77 (a skip for CTest) when Chromium or playwright-core is missing, or
// when the build could not install the chart library (ASSETS_DIR lacks it),
// unless SHOCKFLOW_REQUIRE_BROWSER=1, which turns every skip into a failure.

const fs = require('fs');
const os = require('os');
const path = require('path');

const SKIP = 77;
const [html, screenshot, nodeModules, assetsDir, minCharts] = process.argv.slice(2);
const required = process.env.SHOCKFLOW_REQUIRE_BROWSER === '1';
const chromiumPath = process.env.SHOCKFLOW_CHROMIUM || '/usr/bin/chromium';

function skip(reason) {
  if (required) {
    console.error(`FAIL: ${reason} (SHOCKFLOW_REQUIRE_BROWSER=1 forbids skipping)`);
    process.exit(1);
  }
  console.log(`SKIP: ${reason}`);
  process.exit(SKIP);
}

function fail(problems) {
  for (const p of problems) console.error(`FAIL: ${p}`);
  process.exit(1);
}

function prerequisites() {
  if (!fs.existsSync(chromiumPath)) skip(`no Chromium at ${chromiumPath} (apt-get install chromium)`);
  let playwright;
  try {
    playwright = require(path.resolve(nodeModules, 'playwright-core'));
  } catch (e) {
    skip(`playwright-core is not installed in ${nodeModules} (npm ci --prefix report)`);
  }
  const library = ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js'];
  if (!library.every((f) => fs.existsSync(path.join(assetsDir, f)))) {
    skip(`the chart library is not in ${assetsDir}: the build could not run npm ci`);
  }
  if (!fs.existsSync(html)) fail([`${html} was not written although the chart library is there`]);
  return playwright;
}

// Per chart container: its id, and whether it holds drawn marks.
function inspectCharts() {
  return Array.from(document.querySelectorAll('div.chart')).map((el) => {
    const svg = el.querySelector('svg');
    const canvas = el.querySelector('canvas');
    const marks = svg ? svg.querySelectorAll('.role-mark > *').length : 0;
    const box = (svg || canvas || el).getBoundingClientRect();
    return {id: el.id, drawn: (marks > 0 || (canvas && canvas.width > 0)) && box.width > 0,
            marks, width: Math.round(box.width), height: Math.round(box.height),
            failed: el.textContent.includes('could not be drawn')};
  });
}

async function main() {
  const playwright = prerequisites();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'shockflow-report-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    offline: true,
    viewport: {width: 1280, height: 800},
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') {
        problems.push(`console ${msg.type()}: ${msg.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      problems.push(`request leaving the file: ${url}`);
      return route.abort();
    });
    await page.goto('file://' + path.resolve(html));
    await page.waitForSelector('body[data-charts-done]', {state: 'attached', timeout: 60000})
        .catch((e) => problems.push(`the charts did not settle: ${e.message.split('\n')[0]}`));
    const charts = await page.evaluate(inspectCharts);
    if (charts.length < Number(minCharts)) {
      problems.push(`${charts.length} chart containers, expected at least ${minCharts}`);
    }
    for (const c of charts) {
      console.log(`${c.id}: ${c.marks} mark items, ${c.width} x ${c.height} px`);
      if (!c.drawn || c.failed) problems.push(`${c.id} was not drawn`);
    }
    await page.screenshot({path: screenshot, fullPage: true});
    console.log(`screenshot: ${screenshot}`);
  } finally {
    await context.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
  if (problems.length > 0) fail(problems);
  console.log('report OK');
}

main().catch((error) => fail([error.stack || String(error)]));
