// Stand-in entry point for upstream's `node imap.js` (see standin.js for why stand-ins exist).
require('./standin.js').start('imap');
