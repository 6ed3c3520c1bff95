// Run by `vsce package` (the vscode:prepublish script): the TextMate grammar has one copy in the
// repository, grammar/costdsl.tmLanguage.json, and the package gets a copy of it.
'use strict';

const fs = require('fs');
const path = require('path');

fs.copyFileSync(path.join(__dirname, '..', 'costdsl.tmLanguage.json'), path.join(__dirname, 'costdsl.tmLanguage.json'));
