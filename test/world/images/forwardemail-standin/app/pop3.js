// Stand-in entry point for upstream's `node pop3.js` (see standin.js for why stand-ins exist).
require('./standin.js').start('pop3');
