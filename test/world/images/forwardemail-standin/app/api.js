// Stand-in entry point for upstream's `node api.js` (see standin.js for why stand-ins exist).
require('./standin.js').start('api');
