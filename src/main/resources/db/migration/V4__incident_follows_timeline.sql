-- An incident's last_sequence and updated_at follow its timeline. Appending events moves them in
-- the same statement, so the code that appends events never writes the incident row, and the
-- incident row is written only by the code that owns it.

CREATE FUNCTION incident_follows_timeline() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    UPDATE incident
    SET last_sequence = appended.last_sequence, updated_at = appended.at
    FROM (SELECT incident_id, max(sequence) AS last_sequence, max(at) AS at
          FROM new_events GROUP BY incident_id) AS appended
    WHERE incident.id = appended.incident_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER incident_follows_timeline
    AFTER INSERT ON timeline_event
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION incident_follows_timeline();
