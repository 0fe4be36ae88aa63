package io.tandem.transport.arbiter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad configuration is refused before anything starts, with a message that says what is wrong. */
class ArbiterConfigurationTest
{
    @TempDir
    Path baseDirectory;

    @Test
    void membersOnHostsGiveEachMemberFiveConsecutivePortsAndIngressEndpointsFollow()
    {
        final String members = ClusterMembers.onHosts(List.of("a", "b"), 20100);
        assertEquals("0,a:20100,a:20101,a:20102,a:20103,a:20104|1,b:20105,b:20106,b:20107,b:20108,b:20109", members);
        assertEquals("0=a:20100,1=b:20105", ClusterMembers.ingressEndpoints(members));
    }

    @Test
    void portsPastTheUdpRangeAreRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> ClusterMembers.onHosts(List.of("a", "b"), 65530));
    }

    @Test
    void memberMissingFromTheMembersIsRefusedByName()
    {
        final ClusterArbiterNode.Config config = new ClusterArbiterNode.Config()
            .memberId(3)
            .clusterMembers(ClusterMembers.onHosts(List.of("localhost"), 20100))
            .baseDirectory(baseDirectory);
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> ClusterArbiterNode.start(config));
        assertTrue(error.getMessage().contains("member 3 is not among"), error.getMessage());
    }

    @Test
    void unreadableMembersStringIsRefusedWithTheExpectedFormat()
    {
        final ClusterArbiterNode.Config config = new ClusterArbiterNode.Config()
            .clusterMembers("0,localhost:1")
            .baseDirectory(baseDirectory);
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> ClusterArbiterNode.start(config));
        assertTrue(error.getMessage().contains("expected id,ingress,consensus"), error.getMessage());
    }

    @Test
    void memberWithoutABaseDirectoryIsRefused()
    {
        final ClusterArbiterNode.Config config = new ClusterArbiterNode.Config()
            .clusterMembers(ClusterMembers.onHosts(List.of("localhost"), 20100));
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> ClusterArbiterNode.start(config));
        assertTrue(error.getMessage().contains("base directory"), error.getMessage());
    }

    @Test
    void clientWithoutUsableIngressEndpointsIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new ClusterArbiter(new ClusterArbiter.Context()));
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new ClusterArbiter(new ClusterArbiter.Context().ingressEndpoints("localhost:20100")));
        assertTrue(error.getMessage().contains("memberId=host:port"), error.getMessage());
    }
}
