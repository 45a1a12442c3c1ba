-- The live feed's periodic catch-up looks at incidents changed recently.
CREATE INDEX incident_updated_at ON incident (updated_at);
