// Stand-in entry point for upstream's `node caldav.js` (see standin.js for why stand-ins exist).
require('./standin.js').start('caldav');
