// A function that cannot start: the gateway answers 503 BOOT_ERROR, as Supabase does.

throw new Error("this function fails while booting");
