// Checks the built documentation site (target/site/html) in a real headless browser:
// Debian's chromium (`/usr/bin/chromium`, installed by scripts/setup-system.sh), driven by
// playwright-core (which downloads no browser). The site is served on 127.0.0.1 only, and the
// browser reaches nothing else (its network features that phone home are off).
//
// - Every page of the guide and the references, and the Rust crate's main pages, loads with
//   no console error, no uncaught exception and no failed or 4xx/5xx request.
// - The search finds operations by name: `send_playstate_command` on the Python reference,
//   `sl_set_log_callback` on the C reference.
//
// node tests/site/check.mjs target/site/html

import { createServer } from "node:http";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, relative, sep } from "node:path";
import { chromium } from "playwright-core";

const root = process.argv[2];
if (!root) {
  console.error("usage: node tests/site/check.mjs SITE_DIR");
  process.exit(2);
}

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
  ".txt": "text/plain", ".xml": "application/xml", ".gz": "application/gzip", ".inv": "application/octet-stream",
};

// A static server for the site, on a free loopback port.
function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir) + sep) && file !== normalize(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// The pages to load: every page MkDocs built, and the crate's index and client pages of the
// rustdoc (its hundreds of item pages share their scripts with these).
function pages(dir) {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (relative(dir, p) !== "rust") walk(p);
      } else if (name.endsWith(".html") && name !== "404.html") {
        found.push(relative(dir, p).split(sep).join("/"));
      }
    }
  };
  walk(dir);
  found.sort();
  found.push("rust/sessionlink/index.html", "rust/sessionlink/jellyfin/struct.JellyfinClient.html");
  return found;
}

const failures = [];
const fail = (what) => {
  failures.push(what);
  console.error(`site: ${what}`);
};

const server = await serve(root);
const base = `http://127.0.0.1:${server.address().port}/`;
const profile = mkdtempSync(join(tmpdir(), "sl-site-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
  ],
});
try {
  // Anything that is not the site is refused before it leaves the browser.
  await context.route((url) => !url.href.startsWith(base), (route) => {
    fail(`a page asked for ${route.request().url()}, off the site`);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let current = "";
  // Set while the browser leaves a page: requests that page still had open are aborted then,
  // which is the navigation's doing, not the page's.
  let leaving = false;
  page.on("console", (m) => { if (m.type() === "error") fail(`${current}: console error: ${m.text()}`); });
  page.on("pageerror", (e) => fail(`${current}: uncaught exception: ${e.message}`));
  page.on("requestfailed", (r) => {
    const abortedByNavigation = leaving && r.failure()?.errorText === "net::ERR_ABORTED";
    if (r.url().startsWith(base) && !abortedByNavigation) fail(`${current}: request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => { if (r.status() >= 400) fail(`${current}: ${r.status()} for ${r.url()}`); });

  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) {
      current = frame.url().replace(base, "");
      leaving = false;
    }
  });
  const list = pages(root);
  for (const path of list) {
    leaving = true;
    // Until the network is idle: the search index and its worker load after the page.
    const response = await page.goto(base + path, { waitUntil: "networkidle", timeout: 30000 });
    leaving = false;
    if (!response || response.status() !== 200) fail(`${path}: status ${response?.status()}`);
    // A page that rendered has its title and a main heading.
    const heading = await page.locator("h1").first().textContent({ timeout: 10000 }).catch(() => null);
    if (!heading) fail(`${path}: no heading`);
  }
  console.log(`site: ${list.length} pages loaded`);

  // The search, as a reader uses it: type a name into the search box, read the results.
  for (const [query, expected] of [
    ["send_playstate_command", "reference/python.html#sessionlink.JellyfinClient.send_playstate_command"],
    ["sl_set_log_callback", "reference/c.html#sl_set_log_callback"],
  ]) {
    leaving = true;
    await page.goto(base + "index.html", { waitUntil: "networkidle" });
    await page.locator("label.md-search__icon, .md-search__input").first().click();
    // Typed key by key, as a reader does (the search reacts to key events).
    await page.locator("input.md-search__input").pressSequentially(query);
    const hits = page.locator(".md-search-result__item a");
    await hits.first().waitFor({ timeout: 20000 }).catch(() => fail(`search for ${query}: no result`));
    const hrefs = await hits.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    // A hit links to its section, with the query as `?h=` to highlight it there.
    const targets = hrefs.map((h) => {
      const url = new URL(h, base);
      return url.pathname.slice(1) + url.hash;
    });
    if (!targets.includes(expected)) {
      fail(`search for ${query}: no hit on ${expected} among ${JSON.stringify(targets.slice(0, 10))}`);
    } else {
      console.log(`site: searching "${query}" finds ${expected}`);
    }
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`site: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log("site: browser check passed");
