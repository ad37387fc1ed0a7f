// a syntax error: BUILD FAILURE at validate with file:line:column, in the log and in the failure's message
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /\[ERROR\] src\/main\/netwright\/broken\.nwp:4:\d+: /
assert log =~ /Netwright: \d+ error\(s\) in the \.nwp files: src\/main\/netwright\/broken\.nwp:4:\d+: /
assert !new File(basedir, 'target/netwright/export').exists()
return true
