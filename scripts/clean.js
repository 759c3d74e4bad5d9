// Removes dist/ before a build so renamed or deleted files never ship.
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
