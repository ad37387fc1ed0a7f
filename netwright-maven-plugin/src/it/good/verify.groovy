// examples/headless-build as it is: BUILD SUCCESS, exports and reports written; the second build exports nothing again
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/netwright')
assert log.contains('BUILD SUCCESS')
assert log.contains('Netwright: 3 expectation(s) checked in 3 file(s): 3 hold, 0 violated')
assert log.contains('Netwright: 11 file(s) exported from 3 model(s) to target/netwright/export') : 'the first build exports'
assert log.contains('Netwright: the exports of 3 model(s) in target/netwright/export are up to date') : 'the second build re-exported'
assert new File(out, 'export/src/main/netwright/gateway.nwp/gateway/ruleset.nft').text.contains('masquerade')
assert new File(out, 'export/src/main/netwright/gateway.nwp/gateway/setup.sh').canExecute()
assert new File(out, 'index.html').text.contains('src/main/netwright/checks.nwp')
def checks = new File(out, 'files/src--main--netwright--checks.nwp.html').text
assert checks.contains('<svg class="topology"') : 'the topology drawn'
assert checks.contains('class="walk-path forward"') : 'the walks drawn on it'
assert new File(out, 'junit.xml').text.contains('tests="6" failures="0" errors="0"')
assert new File(out, 'netwright.sarif').text.contains('"version": "2.1.0"')
return true
