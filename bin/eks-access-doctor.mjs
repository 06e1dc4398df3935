#!/usr/bin/env node
// The installed command's former path, for scripts that still call it: the command is eks-access-doctor.cjs.
import './eks-access-doctor.cjs';
