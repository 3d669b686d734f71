// The echo function with verify_jwt = false.

import { echo } from "../_shared/echo.ts";

Deno.serve(echo);
