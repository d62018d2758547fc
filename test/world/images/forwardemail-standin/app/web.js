// Stand-in entry point for upstream's `node web.js` (see standin.js for why stand-ins exist).
require('./standin.js').start('web');
