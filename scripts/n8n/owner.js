// Creates n8n's owner account through the REST API the editor's first-run form uses, so a person
// can sign in to dev mode at once. Local throwaway instance only: the password is printed.
'use strict';
const { request } = require('undici');

const OWNER = { email: 'dev@example.com', firstName: 'Dev', lastName: 'Extend', password: 'Extend-dev-1' };

/** @param {string} baseUrl */
async function setUpOwner(baseUrl) {
	const res = await request(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	const text = await res.body.text();
	if (res.statusCode !== 200) throw new Error(`owner setup failed: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
	return OWNER;
}

module.exports = { setUpOwner };
