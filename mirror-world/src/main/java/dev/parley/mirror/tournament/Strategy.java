package dev.parley.mirror.tournament;

import java.util.Optional;

/** A negotiation strategy of the tournament's pool: makes a negotiant for a scenario and a role. */
public interface Strategy {

    String name();

    /** The role the strategy always takes (the brand sells, the twin buys); empty when it takes either. */
    default Optional<Role> fixedRole() {
        return Optional.empty();
    }

    Negotiant create(Scenario scenario, Role role, int deadline);
}
