#!/usr/bin/env node
// kubectl's credential helper, as `update-kubeconfig --use-app-token` writes it: `<node> bin/token-helper.cjs token …`.
// The installed command itself (CommonJS: a cache hit and a miss both run without the ES module loader), under
// the name the kubeconfig entries already written carry.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (above) */

require('./eks-access-doctor.cjs');
