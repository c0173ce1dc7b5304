package dev.parley.mirror.tournament;

/**
 * Relative tit-for-tat: a side starts at its best outcome and concedes, in its own utility, as
 * much as the other side's last proposal conceded to it over the one before (never below its
 * reservation); it accepts like the time-dependent tactics (AC-next, and at the deadline anything
 * above its reservation).
 */
public final class TitForTat implements Strategy {

    @Override
    public String name() {
        return "tit-for-tat";
    }

    @Override
    public Negotiant create(Scenario scenario, Role role, int deadline) {
        double reservation = scenario.side(role).reservation();
        return new Negotiant() {
            double aim = 1;
            Double previous;

            @Override
            public Action move(Bid last, int round) {
                if (last != null) {
                    double now = scenario.utility(role, last);
                    if (previous != null) {
                        aim = Math.max(reservation, aim - Math.max(0, now - previous));
                    }
                    previous = now;
                }
                return TimeDependent.aspire(scenario, role, aim, last, round, deadline);
            }
        };
    }
}
