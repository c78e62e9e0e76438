// `tsecret stack lint` over every compose file the conformance scenarios embed (the tutorials'
// files and the ones made to fail), for both targets: what it reports must be what a reviewer of
// those files would flag, and nothing else. The table lists every finding by file, target, line,
// column and rule; a file and target not in it must have none.
import { describe, expect, it } from 'vitest';
import { listScenarioNames, loadScenario, materializeFiles } from '../conformance/scenario.js';
import { session } from '../helpers/run.js';

const EXPECTED: Record<string, string[]> = {
  // the seed tutorial's file: DB_PASSWD gets the path, not the password; user_pw.txt is "userpass123\n"; secrets.yml declares tmpl for no service; full.yml's config site is unused and its file is not there
  'stack-config/docker-compose.yml swarm': ['6:9 env-path-without-file', '20:11 file-trailing-newline'],
  'stack-config/docker-compose.yml compose': [
    '6:9 env-path-without-file',
    '15:9 file-options-under-compose',
    '18:5 external-under-compose',
    '20:11 file-trailing-newline',
  ],
  'stack-config/secrets.yml swarm': ['18:11 file-trailing-newline', '21:11 file-trailing-newline', '30:3 unused'],
  'stack-config/secrets.yml compose': [
    '9:9 file-options-under-compose',
    '18:11 file-trailing-newline',
    '21:11 file-trailing-newline',
    '26:5 external-under-compose',
    '28:5 external-under-compose',
    '30:3 unused',
  ],
  'stack-config/full.yml swarm': ['50:3 unused', '51:11 file-missing'],
  'stack-config/full.yml compose': ['50:3 unused', '51:11 file-missing'],
  // docker's own interpolation errors (the variables are unset here, as in the scenario's failing steps)
  'stack-config-interpolation/vars.yml swarm': ['13:17 compose-invalid'],
  'stack-config-interpolation/vars.yml compose': ['13:17 compose-invalid'],
  'stack-config-interpolation/keys.yml swarm': ['3:3 compose-invalid'],
  'stack-config-interpolation/lone.yml swarm': ['6:14 compose-invalid'],
  'stack-config-interpolation/lone.yml compose': ['6:14 compose-invalid'],
  'stack-config-interpolation/required.yml swarm': ['4:12 compose-invalid'],
  'stack-config-interpolation/required.yml compose': ['4:12 compose-invalid'],
  'stack-config-interpolation/required-list.yml swarm': ['6:7 compose-invalid'],
  'stack-config-interpolation/required-list.yml compose': ['6:7 compose-invalid'],
  'stack-config-interpolation/unclosed.yml swarm': ['4:12 compose-invalid'],
  'stack-config-interpolation/unclosed.yml compose': ['4:12 compose-invalid'],
  'stack-config-interpolation/digit.yml swarm': ['5:14 compose-invalid'],
  'stack-config-interpolation/digit.yml compose': ['5:14 compose-invalid'],
  'stack-config-interpolation/badcast.yml swarm': ['6:17 compose-invalid'],
  'stack-config-interpolation/badcast.yml compose': ['6:17 compose-invalid'],
  'stack-config-interpolation/badbool.yml swarm': ['5:17 compose-invalid'],
  'stack-config-interpolation/badbool.yml compose': ['5:17 compose-invalid'],
  'stack-config-interpolation/version.yml swarm': ['1:10 compose-invalid'],
  'stack-config-interpolation/extname.yml compose': ['8:5 external-under-compose'],
  // the merge files name secret files the scenario never writes (it only runs stack config)
  'stack-config-merge/base.yml swarm': ['35:14 file-missing', '36:14 file-missing'],
  'stack-config-merge/base.yml compose': ['35:14 file-missing', '36:14 file-missing'],
  'stack-config-merge/override.yml swarm': ['34:14 file-missing'],
  'stack-config-merge/override.yml compose': ['33:8 external-under-compose', '34:14 file-missing'],
  'stack-config-merge/interp.yml swarm': ['6:7 compose-invalid'],
  'stack-config-merge/interp.yml compose': ['6:7 compose-invalid'],
  // the configs stack: pw.txt is "pw\n"; for compose, a config's uid/gid/mode are ignored and external configs refused
  'config-stack/stack.yml swarm': ['37:11 file-trailing-newline'],
  'config-stack/stack.yml compose': [
    '9:9 file-options-under-compose',
    '31:5 external-under-compose',
    '33:5 external-under-compose',
    '37:11 file-trailing-newline',
  ],
  'config-stack/missing.yml compose': ['12:5 external-under-compose'],
  // the files made to fail: a missing file, an undeclared secret, two secrets at one target (and "pw\n")
  'stack-deploy-errors/nofile.yml swarm': ['9:11 file-missing'],
  'stack-deploy-errors/nofile.yml compose': ['9:11 file-missing'],
  'stack-deploy-errors/undefsecret.yml swarm': ['6:9 undeclared'],
  'stack-deploy-errors/undefsecret.yml compose': ['6:9 undeclared'],
  'stack-deploy-errors/duptarget.yml swarm': ['9:17 duplicate-target', '11:13 file-trailing-newline', '12:13 file-trailing-newline'],
  'stack-deploy-errors/duptarget.yml compose': ['9:17 duplicate-target', '11:13 file-trailing-newline', '12:13 file-trailing-newline'],
  // user_pw.txt is "userpass123\n"
  'stack-deploy-no-swarm/docker-compose.yml swarm': ['9:11 file-trailing-newline'],
  'stack-deploy-no-swarm/docker-compose.yml compose': ['9:11 file-trailing-newline'],
  // the gitea tutorial is clean for swarm; its external secrets do not work under docker compose
  'stack-gitea/docker-compose.yml compose': ['54:5 external-under-compose', '56:5 external-under-compose'],
  // pw.txt and adopted.txt end with a newline; external secrets do not work under docker compose
  'stack-rm/stack.yml swarm': ['15:11 file-trailing-newline', '18:11 file-trailing-newline', '21:11 file-trailing-newline'],
  'stack-rm/stack.yml compose': [
    '15:11 file-trailing-newline',
    '18:11 file-trailing-newline',
    '21:11 file-trailing-newline',
    '23:5 external-under-compose',
  ],
  'stack-rm/broken.yml swarm': ['8:11 file-trailing-newline'],
  'stack-rm/broken.yml compose': ['8:11 file-trailing-newline', '10:5 external-under-compose'],
  // db_pw.txt is "s3cret\n"; for compose, uid/gid/mode are ignored and external secrets refused
  'stack-secrets/stack.yml swarm': ['19:11 file-trailing-newline'],
  'stack-secrets/stack.yml compose': [
    '9:9 file-options-under-compose',
    '19:11 file-trailing-newline',
    '26:5 external-under-compose',
    '28:5 external-under-compose',
  ],
  // the secret errors docker reports, each at its node (an environment: source, versions without secrets or name:, driver with file, both names, a string mode, the deprecated external name, no source, 512000 bytes)
  'stack-secrets-errors/env.yml swarm': ['8:5 environment-under-swarm'],
  'stack-secrets-errors/v30.yml swarm': ['5:1 compose-invalid', '6:3 unused', '7:11 file-trailing-newline'],
  'stack-secrets-errors/v30.yml compose': ['6:3 unused', '7:11 file-trailing-newline'],
  'stack-secrets-errors/v34name.yml swarm': ['6:3 unused', '7:5 compose-invalid', '8:11 file-trailing-newline'],
  'stack-secrets-errors/v34name.yml compose': ['6:3 unused', '8:11 file-trailing-newline'],
  'stack-secrets-errors/driverfile.yml swarm': ['7:3 compose-invalid'],
  'stack-secrets-errors/extnames.yml swarm': ['10:7 compose-invalid'],
  'stack-secrets-errors/extnames.yml compose': ['9:5 external-under-compose'],
  'stack-secrets-errors/mode.yml swarm': ['7:15 compose-invalid', '10:11 file-trailing-newline'],
  'stack-secrets-errors/mode.yml compose': ['7:9 file-options-under-compose', '10:11 file-trailing-newline'],
  'stack-secrets-errors/extold.yml swarm': ['9:7 compose-deprecated'],
  'stack-secrets-errors/extold.yml compose': ['8:5 external-under-compose'],
  'stack-secrets-errors/nosource.yml swarm': ['7:3 file-missing'],
  'stack-secrets-errors/nosource.yml compose': ['7:3 file-missing'],
  'stack-secrets-errors/big.yml swarm': ['8:11 file-too-large'],
  // docker's secrets tutorial (WordPress as a stack): its password files end with a newline
  'tutorial-secrets-compose/docker-compose.yml swarm': ['32:12 file-trailing-newline', '34:12 file-trailing-newline'],
  'tutorial-secrets-compose/docker-compose.yml compose': ['32:12 file-trailing-newline', '34:12 file-trailing-newline'],
  // the seed tutorial's file again: DB_PASSWD gets the path; user_pw.txt ends with a newline
  'stack-seed/docker-compose.yml swarm': ['6:9 env-path-without-file', '20:11 file-trailing-newline'],
  'stack-seed/docker-compose.yml compose': [
    '6:9 env-path-without-file',
    '15:9 file-options-under-compose',
    '18:5 external-under-compose',
    '20:11 file-trailing-newline',
  ],
  // docker's schema and loader errors, each at the node it names, and the unused secrets of those files
  'stack-validate/addprop.yml swarm': ['5:5 compose-invalid'],
  'stack-validate/secretenv.yml swarm': ['8:5 environment-under-swarm'],
  'stack-validate/v30secrets.yml swarm': ['5:1 compose-invalid', '6:3 unused', '7:11 file-missing'],
  'stack-validate/v30secrets.yml compose': ['6:3 unused', '7:11 file-missing'],
  'stack-validate/v34name.yml swarm': ['6:3 unused', '7:5 compose-invalid', '8:11 file-missing'],
  'stack-validate/v34name.yml compose': ['6:3 unused', '8:11 file-missing'],
  'stack-validate/v37driver.yml swarm': ['6:3 unused', '7:5 compose-invalid'],
  'stack-validate/v37driver.yml compose': ['6:3 unused'],
  'stack-validate/serviceslist.yml swarm': ['3:3 compose-invalid'],
  'stack-validate/servicestring.yml swarm': ['3:8 compose-invalid'],
  'stack-validate/imagenumber.yml swarm': ['4:12 compose-invalid'],
  'stack-validate/commandnumber.yml swarm': ['5:14 compose-invalid'],
  'stack-validate/secretsstring.yml swarm': ['5:14 compose-invalid'],
  'stack-validate/secretlongextra.yml swarm': ['6:17 undeclared'],
  'stack-validate/secretlongextra.yml compose': ['6:17 undeclared'],
  'stack-validate/secretsource.yml swarm': ['6:17 compose-invalid'],
  'stack-validate/secretmode.yml swarm': ['6:17 undeclared', '7:15 compose-invalid'],
  'stack-validate/secretmode.yml compose': ['6:17 undeclared'],
  'stack-validate/envbool.yml swarm': ['6:14 compose-invalid'],
  'stack-validate/envdup.yml swarm': ['6:7 compose-invalid'],
  'stack-validate/replicasword.yml swarm': ['6:17 compose-invalid'],
  'stack-validate/negreplicas.yml swarm': ['1:1 compose-invalid'],
  'stack-validate/badport.yml swarm': ['7:9 compose-invalid'],
  'stack-validate/badduration.yml swarm': ['5:24 compose-invalid'],
  'stack-validate/toplevel.yml swarm': ['2:1 compose-invalid'],
  'stack-validate/vnumber.yml swarm': ['1:10 compose-invalid'],
  'stack-validate/v2.yml swarm': ['1:10 compose-invalid'],
  'stack-validate/v314.yml swarm': ['1:10 compose-invalid'],
  'stack-validate/forbidden.yml swarm': ['5:5 compose-invalid'],
  'stack-validate/driverfile.yml swarm': ['6:3 compose-invalid', '6:3 unused'],
  'stack-validate/driverfile.yml compose': ['6:3 unused'],
  'stack-validate/extnames.yml swarm': ['6:3 unused', '9:7 compose-invalid'],
  'stack-validate/extnames.yml compose': ['6:3 unused', '8:5 external-under-compose'],
  'stack-validate/extvolume.yml swarm': ['6:3 compose-invalid'],
  'stack-validate/intkey.yml swarm': ['1:1 compose-invalid'],
  'stack-validate/nan.yml swarm': ['1:1 compose-invalid'],
  // docker's YAML syntax errors, at the line they name (the start of the file when they name none)
  'stack-validate-yaml/indent-key.yml swarm': ['2:1 compose-invalid'],
  'stack-validate-yaml/indent-key.yml compose': ['2:1 compose-invalid'],
  'stack-validate-yaml/indent-deeper.yml swarm': ['5:1 compose-invalid'],
  'stack-validate-yaml/indent-deeper.yml compose': ['5:1 compose-invalid'],
  'stack-validate-yaml/indent-item.yml swarm': ['3:1 compose-invalid'],
  'stack-validate-yaml/indent-item.yml compose': ['3:1 compose-invalid'],
  'stack-validate-yaml/item-then-key.yml swarm': ['5:1 compose-invalid'],
  'stack-validate-yaml/item-then-key.yml compose': ['5:1 compose-invalid'],
  'stack-validate-yaml/tab.yml swarm': ['3:1 compose-invalid'],
  'stack-validate-yaml/tab.yml compose': ['3:1 compose-invalid'],
  'stack-validate-yaml/tab-first.yml swarm': ['1:1 compose-invalid'],
  'stack-validate-yaml/tab-first.yml compose': ['1:1 compose-invalid'],
  'stack-validate-yaml/nested.yml swarm': ['4:1 compose-invalid'],
  'stack-validate-yaml/nested.yml compose': ['4:1 compose-invalid'],
  'stack-validate-yaml/nested-first.yml swarm': ['1:1 compose-invalid'],
  'stack-validate-yaml/nested-first.yml compose': ['1:1 compose-invalid'],
  'stack-validate-yaml/quote.yml swarm': ['4:1 compose-invalid'],
  'stack-validate-yaml/quote.yml compose': ['4:1 compose-invalid'],
  'stack-validate-yaml/flow.yml swarm': ['4:1 compose-invalid'],
  'stack-validate-yaml/flow.yml compose': ['4:1 compose-invalid'],
  'stack-validate-yaml/after-quote.yml swarm': ['3:1 compose-invalid'],
  'stack-validate-yaml/after-quote.yml compose': ['3:1 compose-invalid'],
  'stack-validate-yaml/alias.yml swarm': ['1:1 compose-invalid'],
  'stack-validate-yaml/alias.yml compose': ['1:1 compose-invalid'],
  'stack-validate-yaml/directive.yml swarm': ['1:1 compose-invalid'],
  'stack-validate-yaml/directive.yml compose': ['1:1 compose-invalid'],
  'stack-validate-yaml/dup.yml swarm': ['7:1 compose-invalid'],
  'stack-validate-yaml/dup.yml compose': ['7:1 compose-invalid'],
  'stack-validate-yaml/list.yml swarm': ['1:1 compose-invalid'],
  'stack-validate-yaml/list.yml compose': ['1:1 compose-invalid'],
  'stack-validate-yaml/scalar.yml swarm': ['1:1 compose-invalid'],
  'stack-validate-yaml/scalar.yml compose': ['1:1 compose-invalid'],
  'stack-validate-yaml/empty.yml swarm': ['1:1 compose-invalid'],
  'stack-validate-yaml/empty.yml compose': ['1:1 compose-invalid'],
  'stack-validate-yaml/comments.yml swarm': ['1:1 compose-invalid'],
  'stack-validate-yaml/comments.yml compose': ['1:1 compose-invalid'],
};

describe('stack lint on the compose files of the conformance scenarios', () => {
  const seen = new Set<string>();
  for (const name of listScenarioNames()) {
    const scenario = loadScenario(name);
    const files = Object.keys(scenario.files).filter((f) => /\.ya?ml$/.test(f));
    if (files.length === 0) continue;
    it(`${name}: ${files.join(', ')}`, async () => {
      const s = session();
      materializeFiles(scenario, s.dir);
      // every variable the files interpolate is unset, whatever the developer's shell has
      const unset: Record<string, undefined> = {};
      for (const f of files) for (const m of String(scenario.files[f]).matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) unset[m[1]] = undefined;
      for (const file of files) {
        for (const target of ['swarm', 'compose']) {
          const key = `${name}/${file} ${target}`;
          seen.add(key);
          const r = await s.run(['stack', 'lint', '-c', file, '--target', target, '--format', 'json'], { env: { ...unset, HOME: s.dir } });
          const found = (JSON.parse(r.stdout) as { line: number; column: number; rule: string }[]).map(
            (f) => `${f.line}:${f.column} ${f.rule}`,
          );
          expect(found, key).toEqual(EXPECTED[key] ?? []);
        }
      }
    });
  }
  it('names no file the scenarios do not have', () => {
    expect(Object.keys(EXPECTED).filter((k) => !seen.has(k))).toEqual([]);
  });
});
