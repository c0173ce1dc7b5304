package dev.parley.mirror.tournament;

/** Which side of a scenario a negotiator takes. */
public enum Role {
    SELLER, BUYER;

    public Role other() {
        return this == SELLER ? BUYER : SELLER;
    }
}
