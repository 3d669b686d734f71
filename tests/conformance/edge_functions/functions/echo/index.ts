// The echo function with verify_jwt on (the default).

import { echo } from "../_shared/echo.ts";

Deno.serve(echo);
