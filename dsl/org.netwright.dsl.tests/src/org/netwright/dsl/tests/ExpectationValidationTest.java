package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.dsl.tests.Nwp.assertError;
import static org.netwright.dsl.tests.Nwp.assertNoIssue;
import static org.netwright.dsl.tests.Nwp.assertWarning;

import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.netwright.dsl.validation.IssueCodes;

/** Probes and expectations. */
class ExpectationValidationTest {

	private static final String TOPO = """
			namespace client {
				interface eth0 { address 10.1.2.3/24 }
				route default via 10.1.2.1 dev eth0
			}
			namespace server {
				interface eth0 { address 10.1.2.1/24 }
				dummy d { address 18.7.15.82/32 }
			}
			link client:eth0 <-> server:eth0
			""";

	@Test
	void unknownNamespaceInExpectation() {
		Issue i = assertError(TOPO + "expect ping from client to 18.7.15.82: delivered to nowhere\n", IssueCodes.UNKNOWN_NAMESPACE);
		assertTrue(i.getMessage().contains("Unknown namespace 'nowhere'"), i.getMessage());
		assertEquals("nowhere", i.getData()[0]);
		assertError(TOPO + "expect ping from nobody to 18.7.15.82: dropped\n", IssueCodes.UNKNOWN_NAMESPACE);
		assertNoIssue(TOPO + "expect ping from client to 18.7.15.82: delivered to server, reply delivered to client\n",
				IssueCodes.UNKNOWN_NAMESPACE);
	}

	@Test
	void unknownProbe() {
		assertError(TOPO + "expect web: dropped\n", IssueCodes.UNKNOWN_PROBE);
		assertNoIssue(TOPO + "probe web = tcp from client:40000 to 18.7.15.82:80\nexpect web: dropped\n", IssueCodes.UNKNOWN_PROBE);
	}

	@Test
	void portsOnAPortlessProtocol() {
		assertError(TOPO + "expect esp from client to 18.7.15.82:50: dropped\n", IssueCodes.PROBE_PORTS);
		assertError(TOPO + "expect ping from client to 18.7.15.82: delivered to server with src 10.1.2.3:5\n", IssueCodes.PROBE_PORTS);
		assertNoIssue(TOPO + "expect esp from client to 18.7.15.82 spi 0x10: delivered to server with src 10.1.2.3\n",
				IssueCodes.PROBE_PORTS);
	}

	@Test
	void udpWithoutDestinationPort() {
		assertError(TOPO + "expect udp from client:2104 to 18.7.15.82: dropped\n", IssueCodes.PROBE_DPORT_MISSING);
		assertNoIssue(TOPO + "expect udp from client:2104 to 18.7.15.82:2103: dropped\n", IssueCodes.PROBE_DPORT_MISSING);
	}

	@Test
	void fieldsThatDoNotApply() {
		Issue i = assertError(TOPO + "expect udp from client to 18.7.15.82:53 spi 5: dropped\n", IssueCodes.PROBE_FIELD_PROTOCOL);
		assertEquals("spi", i.getData()[0]);
		assertError(TOPO + "expect tcp from client to 18.7.15.82:80 type echo-request: dropped\n", IssueCodes.PROBE_FIELD_PROTOCOL);
		assertError(TOPO + "expect udp from client to 18.7.15.82:53 flags syn: dropped\n", IssueCodes.PROBE_FIELD_PROTOCOL);
		assertNoIssue(TOPO + "expect ping from client to 18.7.15.82 type echo-request id 7: dropped\n",
				IssueCodes.PROBE_FIELD_PROTOCOL);
	}

	@Test
	void sourceAddressNotOwned() {
		assertError(TOPO + "expect udp from server:2103 src 18.7.15.75 to 10.1.2.3:2104: dropped\n", IssueCodes.ADDRESS_NOT_LOCAL);
		assertNoIssue(TOPO + "expect udp from server:2103 src 18.7.15.82 to 10.1.2.3:2104: dropped\n", IssueCodes.ADDRESS_NOT_LOCAL);
	}

	@Test
	void payloadAddresses() {
		assertWarning(TOPO + "expect udp from client to 18.7.15.82:2103 payload \"from 10.1.2.3\": dropped\n",
				IssueCodes.PAYLOAD_ADDRESS);
		assertNoIssue(TOPO + "expect udp from client to 18.7.15.82:2103 payload \"hello\": dropped\n", IssueCodes.PAYLOAD_ADDRESS);
	}

	@Test
	void conntrackZoneRange() {
		assertError(TOPO + "expect ping from client to 18.7.15.82: dropped, conntrack in server zone 70000\n",
				IssueCodes.VALUE_OUT_OF_RANGE);
		assertNoIssue(TOPO + "expect ping from client to 18.7.15.82: dropped, conntrack in server zone 1\n",
				IssueCodes.VALUE_OUT_OF_RANGE);
	}
}
