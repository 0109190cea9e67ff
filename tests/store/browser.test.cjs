// browser.test.cjs — see browser.test.sh.
const { chromium } = require("playwright-core");

let passed = 0, failed = 0;
function check(name, cond) {
  if (cond) passed++;
  else { failed++; console.error("FAIL: " + name); }
}

(async () => {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(process.env.BASE + "/");
    await page.waitForSelector("#events tbody tr[data-doc]");
    check("all events listed", (await page.locator("#events tbody tr[data-doc]").count()) === 6);
    check("map drawn", (await page.locator("#map .land").count()) === 1);
    check("event points", (await page.locator("#map circle.pt-event").count()) >= 3);
    check("timeline bars", (await page.locator("#timeline rect.bar").count()) === 4);

    await page.fill("input[name=actor]", "RUS");
    await page.click("button[type=submit]");
    await page.waitForFunction(() => document.querySelectorAll("#events tbody tr[data-doc]").length === 1);
    check("filtered to one", (await page.locator("#events tbody tr[data-doc]").count()) === 1);

    await page.click("#events tbody tr[data-doc]");
    await page.waitForSelector("#article-text .current");
    const sentence = await page.locator("#article-text .current").first().innerText();
    check("sentence highlighted", sentence.startsWith("Russian warships blocked"));
    check("evidence highlighted", (await page.locator("#article-text .hl-event").innerText()) === "blocked");
    check("quote highlighted", (await page.locator("#article-text .hl-quote").count()) === 1);
    check("title shown", (await page.locator("#article-title").innerText()) === "Navy ships blockade grain port");
    await page.screenshot({ path: process.env.SHOT, fullPage: true });
    check("no script errors", errors.length === 0);
    if (errors.length) console.error(errors.join("\n"));
  } catch (e) {
    failed++;
    console.error("FAIL: " + e);
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})();
