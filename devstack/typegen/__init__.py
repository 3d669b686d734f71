"""Database types for the frontend in the shape `supabase gen types typescript` produces."""
