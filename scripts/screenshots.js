// Screenshots of what an n8n user sees of this package in the editor: the `npm run dev` set-up
// (this package installed into a real n8n, the "Extend account" credential, every example
// imported, the Extend emulator as backend) driven by headless Chromium (Debian's package,
// installed when missing) over the Chrome DevTools Protocol. PNGs at 1440x900 go to
// .cache/screenshots/; one line is printed per file written.
//   (a) each example's canvas, fitted to view (required)
//   (b) the Extend node's panel in "classify-file-from-url" (Classify File, Inline Classifications)
//   (c) the Extend Trigger's panel in "act-on-classification-results"
//   (d) the nodes panel searched for "Extend", the Extend node's actions and triggers lists
//   (e) the "Extend account" credential modal
// plus a 2x detail of each canvas's nodes, further screenfuls of long panels (name-2.png, ...), and
// the Extend node panels of the Route by Type and Submit Only examples.
// Env: N8N_VERSION (default 2.8.4), N8N_PORT (default 5678). `--no-build` skips `npm run build:e2e`.
'use strict';
/** @typedef {import('./n8n/types').Workflow} Workflow */
/** @typedef {{ x: number, y: number }} Point */
const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { execFileSync, spawnSync } = require('node:child_process');
const { request, WebSocket } = require('undici');
const { CACHE, ROOT, RUNS, envInt, log, seconds, cleanNpmEnv } = require('./n8n/common');
const { runMain, runToEnd, startProcess } = require('./n8n/processes');
const { selectedVersion, setUp } = require('./n8n/setup');
const { loadExample, loadExamples, localizeExample } = require('./n8n/workflows');
const { setUpOwner } = require('./n8n/owner');
const { CREDENTIAL } = require('./n8n/backend');

const OUT = path.join(CACHE, 'screenshots');
const VIEWPORT = { width: 1440, height: 900 };
const TRIGGER_EXAMPLE = 'act-on-classification-results';
/** @type {string[]} */
const written = [];

// ---------------------------------------------------------------------------------------------
// Chromium

/** @param {string} cmd */
function which(cmd) {
	return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
}

/** The Chromium binary; Debian's /usr/bin/chromium is a wrapper that execs /usr/lib/chromium/chromium. */
function chromiumBinary() {
	const direct = '/usr/lib/chromium/chromium';
	return fs.existsSync(direct) ? direct : which('chromium');
}

/**
 * apt-get install of Debian's `chromium` when it is missing (needs root), like
 * ensureDebianPackages in test/e2e-queue/postgresAndRedis.js, which is fixed to postgresql and redis-server.
 */
function ensureChromium() {
	if (chromiumBinary()) return 0;
	const started = Date.now();
	log('Installing chromium from Debian ...');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
	if (!chromiumBinary()) throw new Error('chromium is still missing after apt-get install');
	return seconds(started);
}

/** Starts headless Chromium (our child, stopped by pid) and resolves its browser WebSocket URL. */
async function startChromium() {
	const profile = path.join(RUNS, 'screenshots-chromium-profile');
	fs.rmSync(profile, { recursive: true, force: true });
	fs.mkdirSync(profile, { recursive: true });
	const args = [
		'--headless=new',
		'--remote-debugging-port=0',
		'--remote-debugging-address=127.0.0.1',
		`--user-data-dir=${profile}`,
		`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
		'--no-first-run',
		'--no-default-browser-check',
		'--disable-gpu',
		'--disable-dev-shm-usage',
		'--disable-extensions',
		'--disable-breakpad', // no crash reporter writing to ~/.config/chromium
		'--disable-crash-reporter',
		'--hide-scrollbars',
		'--mute-audio',
		'--lang=en-US',
	];
	if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses to run as root otherwise
	args.push('about:blank');
	const chromium = startProcess('chromium', chromiumBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
	let output = '';
	/** @type {string} */
	const wsUrl = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`chromium did not start in 30 s:\n${output.slice(-2000)}`)), 30000);
		chromium.child.stderr?.on('data', (chunk) => {
			output += chunk;
			const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		chromium.exited.then(({ code, signal }) => (clearTimeout(timer), reject(new Error(`chromium exited (${code ?? signal}):\n${output.slice(-2000)}`))));
	});
	chromium.child.stderr?.resume(); // keep draining its log
	return { ...chromium, wsUrl };
}

// ---------------------------------------------------------------------------------------------
// A minimal Chrome DevTools Protocol client (flat sessions over the browser's WebSocket)

class Cdp {
	/** @param {string} url */
	static async connect(url) {
		const ws = new WebSocket(url);
		/** @type {Promise<unknown>} */
		const opened = new Promise((resolve, reject) => {
			ws.addEventListener('open', resolve, { once: true });
			ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
		});
		await opened;
		return new Cdp(ws);
	}

	/** @param {WebSocket} ws */
	constructor(ws) {
		this.ws = ws;
		this.nextId = 1;
		/** @type {Map<number, { method: string, resolve: (result: any) => void, reject: (error: Error) => void, timer: NodeJS.Timeout }>} */
		this.pending = new Map();
		/** @type {Set<(msg: any) => void>} */
		this.listeners = new Set();
		ws.addEventListener('message', (event) => this.onMessage(JSON.parse(String(event.data))));
		ws.addEventListener('close', () => {
			for (const { reject } of this.pending.values()) reject(new Error('the DevTools connection closed'));
			this.pending.clear();
		});
	}

	/** @param {any} msg a DevTools message: a reply ({ id, result | error }) or an event */
	onMessage(msg) {
		if (msg.id !== undefined) {
			const call = this.pending.get(msg.id);
			if (!call) return;
			this.pending.delete(msg.id);
			clearTimeout(call.timer);
			if (msg.error) call.reject(new Error(`${call.method}: ${msg.error.message}${msg.error.data ? ` (${msg.error.data})` : ''}`));
			else call.resolve(msg.result);
			return;
		}
		for (const listener of this.listeners) listener(msg);
	}

	/**
	 * @param {string} method
	 * @param {object} [params]
	 * @param {string} [sessionId]
	 * @returns {Promise<any>}
	 */
	send(method, params = {}, sessionId, timeoutMs = 60000) {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => (this.pending.delete(id), reject(new Error(`${method}: no answer in ${timeoutMs / 1000} s`))), timeoutMs);
			this.pending.set(id, { method, resolve, reject, timer });
			this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
		});
	}

	/** @param {(msg: any) => void} listener */
	on(listener) {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	close() {
		try {
			this.ws.close();
		} catch {
			// closed already
		}
	}
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** One browser tab. */
class Page {
	/** @param {Cdp} cdp */
	static async open(cdp) {
		const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
		const page = new Page(cdp, sessionId);
		await page.send('Page.enable');
		await page.send('Runtime.enable');
		await page.send('Network.enable');
		await page.send('Emulation.setDeviceMetricsOverride', { ...VIEWPORT, deviceScaleFactor: 1, mobile: false });
		// "Leave without saving?" and other native dialogs must not block a navigation.
		cdp.on((msg) => {
			if (msg.sessionId !== sessionId) return;
			if (msg.method === 'Page.javascriptDialogOpening') page.send('Page.handleJavaScriptDialog', { accept: true }).catch(() => {});
			if (msg.method === 'Runtime.exceptionThrown') page.errors.push(msg.params.exceptionDetails?.exception?.description ?? msg.params.exceptionDetails?.text);
		});
		return page;
	}

	/**
	 * @param {Cdp} cdp
	 * @param {string} sessionId
	 */
	constructor(cdp, sessionId) {
		this.cdp = cdp;
		this.sessionId = sessionId;
		/** @type {string[]} */
		this.errors = [];
	}

	/**
	 * @param {string} method
	 * @param {object} [params]
	 */
	send(method, params) {
		return this.cdp.send(method, params, this.sessionId);
	}

	/** @param {string} url */
	async goto(url) {
		const result = await this.send('Page.navigate', { url });
		if (result.errorText) throw new Error(`navigating to ${url}: ${result.errorText}`);
		await this.waitFor(() => document.readyState === 'complete', [], { what: `${url} to load` });
	}

	/**
	 * Runs fn(...args) in the page; returns its (awaited, JSON) value.
	 * @param {(...args: any[]) => any} fn its source is sent, so it uses nothing from here
	 * @param {...unknown} args
	 * @returns {Promise<any>}
	 */
	async evaluate(fn, ...args) {
		const expression = `(${fn})(...${JSON.stringify(args)})`;
		const { result, exceptionDetails } = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
		if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
		return result.value;
	}

	/**
	 * Polls fn(...args) until it returns something truthy; returns that.
	 * @param {(...args: any[]) => any} fn
	 * @param {unknown[]} [args]
	 * @param {{ timeoutMs?: number, what?: string }} [options]
	 * @returns {Promise<any>}
	 */
	async waitFor(fn, args = [], { timeoutMs = 30000, what = 'the page' } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = await this.evaluate(fn, ...args).catch(() => undefined);
			if (value) return value;
			if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
			await sleep(250);
		}
	}

	/**
	 * The centre of the first visible element matching selector (and, if given, containing text).
	 * @param {string} selector
	 * @param {string} [text]
	 * @returns {Promise<Point | null>}
	 */
	async centre(selector, text) {
		return await this.evaluate(
			(selector, text) => {
				for (const el of document.querySelectorAll(selector)) {
					if (text && !el.textContent.trim().includes(text)) continue;
					const r = el.getBoundingClientRect();
					if (r.width && r.height) return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
				}
				return null;
			},
			selector,
			text,
		);
	}

	/** @param {Point} point */
	async click({ x, y }, clickCount = 1) {
		await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
		for (let count = 1; count <= clickCount; count++) {
			await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: count });
			await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: count });
		}
	}

	/**
	 * @param {string} selector
	 * @param {{ text?: string, clickCount?: number, what?: string, timeoutMs?: number }} [options]
	 */
	async clickSelector(selector, { text, clickCount = 1, what = selector, timeoutMs = 15000 } = {}) {
		const point = await this.waitFor(
			(selector, text) => {
				for (const el of document.querySelectorAll(selector)) {
					if (text && !el.textContent.trim().includes(text)) continue;
					const r = el.getBoundingClientRect();
					if (r.width && r.height) return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
				}
				return null;
			},
			[selector, text],
			{ what, timeoutMs },
		);
		await this.click(point, clickCount);
	}

	/** @param {'1' | 'Escape' | 'Tab' | 'Enter'} key */
	async press(key) {
		/** @type {Record<string, { code: string, keyCode: number, text?: string }>} */
		const keys = {
			1: { code: 'Digit1', keyCode: 49, text: '1' },
			Escape: { code: 'Escape', keyCode: 27 },
			Tab: { code: 'Tab', keyCode: 9 },
			Enter: { code: 'Enter', keyCode: 13, text: '\r' },
		};
		const { code, keyCode, text } = keys[key];
		const base = { key, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
		await this.send('Input.dispatchKeyEvent', { type: text ? 'keyDown' : 'rawKeyDown', ...base, ...(text ? { text } : {}) });
		await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
	}

	/** @param {string} text */
	async type(text) {
		await this.send('Input.insertText', { text });
	}

	/**
	 * A PNG of the viewport (or of clip {x, y, width, height, scale}) into OUT; prints its path.
	 * @param {string} name
	 * @param {{ x: number, y: number, width: number, height: number, scale: number }} [clip]
	 */
	async screenshot(name, clip) {
		const { data } = await this.send('Page.captureScreenshot', { format: 'png', ...(clip ? { clip } : {}) });
		const file = path.join(OUT, `${name}.png`);
		fs.writeFileSync(file, Buffer.from(data, 'base64'));
		written.push(file);
		console.log(path.relative(ROOT, file));
		return file;
	}
}

// ---------------------------------------------------------------------------------------------
// n8n

/** Logs the owner in over REST; returns the n8n-auth cookie's value. The cookie is bound to the
 * browser-id header, which the editor sends from localStorage "n8n-browserId".
 * @param {string} url
 * @param {{ email: string, password: string }} owner
 * @param {string} browserId
 */
async function login(url, owner, browserId) {
	const bodies = [
		{ emailOrLdapLoginId: owner.email, password: owner.password },
		{ email: owner.email, password: owner.password },
	];
	let last = '';
	for (const body of bodies) {
		const res = await request(`${url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': browserId },
			body: JSON.stringify(body),
		});
		const text = await res.body.text();
		const cookies = /** @type {string[]} */ ([]).concat(res.headers['set-cookie'] ?? []);
		const auth = cookies.map((c) => /^n8n-auth=([^;]+)/.exec(c)).find(Boolean);
		if (res.statusCode === 200 && auth) return auth[1];
		last = `HTTP ${res.statusCode} ${text.slice(0, 300)}`;
	}
	throw new Error(`login as ${owner.email} failed: ${last}`);
}

/**
 * Closes what n8n may pop up over the canvas (what's new, tours, toasts).
 * @param {Page} page
 */
async function dismissPopups(page) {
	await page.evaluate(() => {
		for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.el-notification .el-notification__closeBtn, [data-test-id="toast-close-button"]'))) el.click();
	});
}

/**
 * @param {Page} page
 * @param {number} nodeCount
 */
async function waitForCanvas(page, nodeCount) {
	await page.waitFor(
		(count) => {
			const nodes = [...document.querySelectorAll('.vue-flow__node')];
			return nodes.length >= count && nodes.every((n) => n.getBoundingClientRect().width > 0 && getComputedStyle(n).visibility !== 'hidden');
		},
		[nodeCount],
		{ what: `${nodeCount} canvas nodes`, timeoutMs: 45000 },
	);
}

/**
 * Zooms to fit: the "1" shortcut with the canvas focused, or the controls' fit-view button.
 * @param {Page} page
 */
async function fitView(page) {
	const before = await page.evaluate(() => /** @type {HTMLElement | null} */ (document.querySelector('.vue-flow__viewport'))?.style.transform);
	if (await page.centre('.vue-flow__pane')) await page.click({ x: 60, y: VIEWPORT.height / 2 }); // focus the canvas on an empty spot
	await page.press('1');
	await sleep(800);
	const after = await page.evaluate(() => /** @type {HTMLElement | null} */ (document.querySelector('.vue-flow__viewport'))?.style.transform);
	if (before === after) {
		const button = await page.centre('[data-test-id="zoom-to-fit"], [data-test-id="canvas-zoom-to-fit"], button[title*="Fit" i], button[aria-label*="fit" i]');
		if (button) await page.click(button);
		await sleep(800);
	}
	// Off the controls, so that no button is shown hovered.
	await page.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: VIEWPORT.width - 200, y: VIEWPORT.height - 150 });
	await sleep(300);
}

/**
 * @param {Page} page
 * @param {string} baseUrl
 * @param {Workflow} workflow
 */
async function openWorkflow(page, baseUrl, workflow) {
	await page.goto(`${baseUrl}/workflow/${workflow.id}`);
	await waitForCanvas(page, workflow.nodes.length);
	await sleep(1000);
	await dismissPopups(page);
}

/**
 * @param {Page} page
 * @param {string} baseUrl
 * @param {string} name
 * @param {Workflow} workflow
 */
async function shotCanvas(page, baseUrl, name, workflow) {
	await openWorkflow(page, baseUrl, workflow);
	await fitView(page);
	await sleep(500);
	await page.screenshot(`canvas-${name}`);
	// The nodes without the sticky note, at twice the size, where small labels can be read.
	const stickies = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => n.id);
	const box = await page.evaluate((stickies) => {
		const rects = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.vue-flow__node'))].filter((n) => !stickies.includes(n.dataset.id)).map((n) => n.getBoundingClientRect());
		if (!rects.length) return null;
		const pad = 40;
		const x = Math.max(0, Math.min(...rects.map((r) => r.left)) - pad);
		const y = Math.max(0, Math.min(...rects.map((r) => r.top)) - pad);
		const right = Math.min(innerWidth, Math.max(...rects.map((r) => r.right)) + pad + 40); // the "+" handles
		const bottom = Math.min(innerHeight, Math.max(...rects.map((r) => r.bottom)) + pad + 30); // names under the nodes
		return { x, y, width: right - x, height: bottom - y };
	}, stickies);
	if (box) await page.screenshot(`canvas-${name}-detail`, { ...box, scale: 2 });
}

/**
 * Scrolls the scrollable element inside rootSelector that holds `contentSelector` one screenful
 * at a time (up to `max` more shots), taking name-2, name-3, ... while it moves a useful amount.
 * @param {Page} page
 * @param {string} name
 * @param {string} rootSelector
 * @param {string} contentSelector
 */
async function screenshotScrolled(page, name, rootSelector, contentSelector, max = 3) {
	for (let i = 2; i <= max + 1; i++) {
		const moved = await page.evaluate(
			(rootSelector, contentSelector) => {
				const root = document.querySelector(rootSelector);
				if (!root) return 0;
				const candidates = [root, ...root.querySelectorAll('*')].filter((el) => {
					const s = getComputedStyle(el);
					return /(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 20;
				});
				const pane = candidates.filter((el) => el.querySelector(contentSelector)).pop() ?? candidates[0];
				if (!pane) return 0;
				const before = pane.scrollTop;
				pane.scrollTop = before + pane.clientHeight - 80;
				return pane.scrollTop - before;
			},
			rootSelector,
			contentSelector,
		);
		if (moved < 100) break; // what is left was on the last shot already
		await sleep(600);
		await page.screenshot(`${name}-${i}`);
	}
}

/** Opens a node's panel (by URL /workflow/<id>/<nodeId>, else by double-click) and screenshots
 * it, then each further screenful of its parameters.
 * @param {Page} page
 * @param {string} baseUrl
 * @param {Workflow} workflow
 * @param {string} nodeName
 * @param {string} shotName
 */
async function shotNodePanel(page, baseUrl, workflow, nodeName, shotName) {
	const node = workflow.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`${workflow.name} has no node "${nodeName}"`);
	await page.goto(`${baseUrl}/workflow/${workflow.id}/${node.id}`);
	await waitForCanvas(page, workflow.nodes.length);
	const ndv = () => !!document.querySelector('[data-test-id="ndv"] [data-test-id="node-parameters"], [data-test-id="ndv"] .parameter-input, [data-test-id="ndv-parameters"]');
	const opened = await page.waitFor(ndv, [], { what: 'the node panel', timeoutMs: 10000 }).catch(() => false);
	if (!opened) {
		await page.clickSelector(`.vue-flow__node[data-id="${node.id}"]`, { clickCount: 2, what: `node "${nodeName}"` });
		await page.waitFor(ndv, [], { what: 'the node panel' });
	}
	await sleep(1500); // option lists load from the backend, notices render
	await dismissPopups(page);
	await page.screenshot(shotName);
	await screenshotScrolled(page, shotName, '[data-test-id="ndv"]', '.parameter-item, [data-test-id="parameter-item"], .parameter-input');
}

/** The centre of the innermost visible element under rootSelector whose own text is exactly `text`
 * (or starts with it, when prefix is set).
 * @param {Page} page
 * @param {string} rootSelector
 * @param {string} text
 * @returns {Promise<Point | null>}
 */
function textCentre(page, rootSelector, text, prefix = false) {
	return page.evaluate(
		(rootSelector, text, prefix) => {
			const root = document.querySelector(rootSelector);
			if (!root) return null;
			const matches = [...root.querySelectorAll('*')].filter((el) => {
				const t = el.textContent.trim();
				const r = el.getBoundingClientRect();
				return r.width && r.height && (prefix ? t.startsWith(text) : t === text);
			});
			const el = matches.pop(); // the innermost (last in document order)
			if (!el) return null;
			const r = el.getBoundingClientRect();
			return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
		},
		rootSelector,
		text,
		prefix,
	);
}

/**
 * @param {Page} page
 * @param {string} baseUrl
 * @param {Workflow} workflow
 */
async function shotNodesPanel(page, baseUrl, workflow) {
	await openWorkflow(page, baseUrl, workflow);
	const creator = '[data-test-id="node-creator"]';
	const search = '[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]';
	const plus = await page.centre('[data-test-id="node-creator-plus-button"]');
	if (plus) await page.click(plus);
	else await page.press('Tab');
	await page.waitFor((selector) => !!document.querySelector(selector), [search], { what: 'the nodes panel' });
	await page.evaluate((selector) => /** @type {HTMLElement} */ (document.querySelector(selector)).focus(), search);
	await page.type('Extend');
	const item = await page.waitFor(
		() => {
			const el = [...document.querySelectorAll('[data-test-id="node-creator-item-name"]')].find((e) => e.textContent.trim() === 'Extend');
			const r = el?.getBoundingClientRect();
			return r && { x: r.left + r.width / 2, y: r.top + r.height / 2 };
		},
		[],
		{ what: 'the Extend node in the search results' },
	);
	await sleep(800);
	await page.screenshot('nodes-panel-search-extend');

	await page.click(item);
	await page.waitFor((creator) => /Actions \(\d+\)/.test(document.querySelector(creator)?.textContent ?? ''), [creator], { what: "the Extend node's actions" });
	await sleep(800);
	await page.screenshot('nodes-panel-extend-actions');

	// The node's triggers are listed collapsed below its actions.
	const triggers = await textCentre(page, creator, 'Triggers (', true);
	if (triggers) {
		await page.click(triggers);
		await sleep(800);
		await page.screenshot('nodes-panel-extend-triggers');
	}
	await page.press('Escape');
}

/**
 * @param {Page} page
 * @param {string} baseUrl
 */
async function shotCredential(page, baseUrl) {
	await page.goto(`${baseUrl}/home/credentials/${CREDENTIAL.id}`);
	await page.waitFor(
		() => [...document.querySelectorAll('.el-dialog, [role="dialog"]')].some((d) => d.getBoundingClientRect().width > 0 && /Extend/.test(d.textContent)),
		[],
		{ what: 'the credential modal' },
	);
	await sleep(2000); // the connection test runs on open
	await page.screenshot('credential-extend-account');
	const modal = await page.evaluate(() => {
		const d = [...document.querySelectorAll('.el-dialog, [role="dialog"]')].find((d) => d.getBoundingClientRect().width > 0 && /Extend/.test(d.textContent));
		if (d && !d.id) d.id = 'screenshots-credential-modal';
		return d && `#${d.id}`;
	});
	if (modal) await screenshotScrolled(page, 'credential-extend-account', modal, 'input');
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const started = Date.now();
	const build = !process.argv.includes('--no-build');
	const aptSeconds = ensureChromium();
	if (aptSeconds) log(`chromium installed (${aptSeconds} s)`);
	if (build) {
		log('npm run build:e2e ...');
		const result = await runToEnd('npm run build:e2e', 'npm', ['run', 'build:e2e', '--silent'], { cwd: ROOT, env: cleanNpmEnv(), timeoutMs: 600000 });
		if (result.code !== 0) throw new Error(`npm run build:e2e failed (rc=${result.code}):\n${(result.stdout + result.stderr).slice(-3000)}`);
	}

	// What scripts/dev.js sets up, in its own run folder.
	const version = selectedVersion();
	const { n8n, backend } = await setUp({ version, name: 'screenshots', port: envInt('N8N_PORT', 5678), host: 'localhost', latencyMs: 2000 });
	const samplesUrl = backend.baseUrl && `${backend.baseUrl}/__samples`;
	const examples = loadExamples();
	const workflows = Object.values(examples).map((w) => localizeExample(structuredClone(w), { samplesUrl, documentsDir: n8n.documentsDir }));
	await n8n.importWorkflows(workflows);
	if (backend.emulator) await n8n.publish(loadExample(TRIGGER_EXAMPLE).id);
	const server = await n8n.start();
	log(`n8n ${version} running on ${n8n.url} (log: ${server.logFile})`);
	const owner = await setUpOwner(n8n.url);
	const browserId = randomUUID();
	const authCookie = await login(n8n.url, owner, browserId);

	const chromium = await startChromium();
	const cdp = await Cdp.connect(chromium.wsUrl);
	const failures = [];
	try {
		const page = await Page.open(cdp);
		await page.send('Page.addScriptToEvaluateOnNewDocument', {
			source: `try { localStorage.setItem('n8n-browserId', ${JSON.stringify(browserId)}); } catch (e) {}`,
		});
		await page.send('Network.setCookie', { name: 'n8n-auth', value: authCookie, url: n8n.url, httpOnly: true, sameSite: 'Lax' });

		fs.rmSync(OUT, { recursive: true, force: true });
		fs.mkdirSync(OUT, { recursive: true });

		// (a) every example's canvas: required.
		for (const [name, workflow] of Object.entries(examples)) await shotCanvas(page, n8n.url, name, workflow);

		// (b)-(e): best effort; a failure leaves a failed-*.png of what was on screen.
		/** @type {[string, () => Promise<void>][]} */
		const bestEffort = [
			['ndv-extend-classify-file-from-url', () => shotNodePanel(page, n8n.url, examples['classify-file-from-url'], 'Classify Document', 'ndv-extend-classify-file-from-url')],
			['ndv-extend-trigger', () => shotNodePanel(page, n8n.url, examples[TRIGGER_EXAMPLE], 'Extend Trigger', 'ndv-extend-trigger')],
			// Also: Route by Type with its Fallback output, and Mode: Submit Only.
			['ndv-extend-route-by-type', () => shotNodePanel(page, n8n.url, examples['classify-and-route-files'], 'Classify Document', 'ndv-extend-route-by-type')],
			['ndv-extend-submit-only', () => shotNodePanel(page, n8n.url, examples['submit-for-classification'], 'Submit for Classification', 'ndv-extend-submit-only')],
			['ndv-extend-batch', () => shotNodePanel(page, n8n.url, examples['classify-folder-in-batches'], 'Classify Documents', 'ndv-extend-batch')],
			['nodes-panel', () => shotNodesPanel(page, n8n.url, examples['classify-file-from-url'])],
			['credential', () => shotCredential(page, n8n.url)],
		];
		for (const [name, shoot] of bestEffort) {
			try {
				await shoot();
			} catch (error) {
				failures.push(`${name}: ${error.message}`);
				log(`screenshot ${name} failed: ${error.message}`);
				await page.screenshot(`failed-${name}`).catch(() => {});
			}
		}
		if (page.errors.length) log(`page errors:\n  ${[...new Set(page.errors)].slice(0, 10).join('\n  ')}`);
	} finally {
		await cdp.send('Browser.close', {}, undefined, 5000).catch(() => {});
		cdp.close();
		await chromium.stop();
	}
	log(`${written.length} screenshot(s) in ${path.relative(ROOT, OUT)} (${seconds(started)} s)${failures.length ? `; not taken: ${failures.join('; ')}` : ''}`);
	return 0;
}

runMain(main);
