-- Click analytics (003 §8 wrap-up), aggregated per link per day, bots apart.
CREATE TABLE click_events_seen (
    event_id TEXT PRIMARY KEY
);
CREATE TABLE click_daily (
    link_key TEXT NOT NULL,
    day      TEXT NOT NULL,
    bot      INTEGER NOT NULL,
    clicks   BIGINT NOT NULL,
    PRIMARY KEY (link_key, day, bot)
);
CREATE TABLE click_referrers (
    link_key TEXT NOT NULL,
    day      TEXT NOT NULL,
    bot      INTEGER NOT NULL,
    host     TEXT NOT NULL,
    clicks   BIGINT NOT NULL,
    PRIMARY KEY (link_key, day, bot, host)
);
CREATE TABLE click_agents (
    link_key TEXT NOT NULL,
    day      TEXT NOT NULL,
    bot      INTEGER NOT NULL,
    family   TEXT NOT NULL,
    clicks   BIGINT NOT NULL,
    PRIMARY KEY (link_key, day, bot, family)
);
CREATE TABLE click_visitors (
    link_key TEXT NOT NULL,
    day      TEXT NOT NULL,
    bot      INTEGER NOT NULL,
    visitor  TEXT NOT NULL,
    PRIMARY KEY (link_key, day, bot, visitor)
);
