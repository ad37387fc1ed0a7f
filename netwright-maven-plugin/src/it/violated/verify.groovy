// an expectation that does not hold: BUILD FAILURE naming it, its trace in the log, the reports written, nothing exported
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/netwright')
assert log.contains('BUILD FAILURE')
assert log.contains("Netwright: 1 expectation(s) violated: 'the office keeps its address' (src/main/netwright/violated.nwp:5:1)")
assert log.contains("[ERROR] src/main/netwright/violated.nwp:5:1: expectation 'the office keeps its address' does not hold")
assert log =~ /\[ERROR\] +trace of probe office: / : 'the trace is in the log'
assert new File(out, 'junit.xml').text.contains('<failure type="violated"')
assert new File(out, 'netwright.sarif').text.contains('"ruleId": "org.netwright.check.violated"')
assert new File(out, 'index.html').isFile()
assert !new File(out, 'export').exists() : 'the check fails before the export'
return true
