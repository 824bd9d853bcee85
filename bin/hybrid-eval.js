#!/usr/bin/env node
// The command is bin/hybrid-eval.cjs. This file stays because links made for earlier
// versions point here: npx, for one, keeps a project's bin links in its cache.
import './hybrid-eval.cjs';
