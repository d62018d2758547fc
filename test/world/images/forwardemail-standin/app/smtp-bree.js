// Stand-in entry point for upstream's `node smtp-bree.js` (see standin.js for why stand-ins exist).
require('./standin.js').start('smtp-bree');
