// Stand-in entry point for upstream's `node sqlite-bree.js` (see standin.js for why stand-ins exist).
require('./standin.js').start('sqlite-bree');
